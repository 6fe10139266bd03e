package com.nexusai.server.auth;

import com.nexusai.server.web.ProblemResponses;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what.
 * <ul>
 * <li>{@code /actuator/health}: anyone, status only (components and details for ADMIN and DEVOPS).</li>
 * <li>{@code /actuator/prometheus}: an access token of ADMIN or DEVOPS, or the scrape token.</li>
 * <li>Every other actuator endpoint: ADMIN or DEVOPS.</li>
 * <li>{@code /api/auth/login}, {@code /api/auth/refresh}: anyone; {@code /api/admin/**}: ADMIN;
 * everything else under {@code /api}: a valid access token.</li>
 * </ul>
 * No sessions, no cookies: every request carries its bearer token.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, JwtDecoder decoder,
            Converter<Jwt, AbstractAuthenticationToken> converter, ScrapeToken scrapeToken,
            ProblemResponses problems) throws Exception {
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
        jwt.setJwtAuthenticationConverter(converter);
        ProviderManager tokens = new ProviderManager(new ScrapeTokenAuthenticationProvider(scrapeToken), jwt);
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class))
                        .hasAnyRole(Role.ADMIN.name(), Role.DEVOPS.name(), ScrapeTokenAuthenticationProvider.ROLE)
                        .anyRequest().hasAnyRole(Role.ADMIN.name(), Role.DEVOPS.name()))
                .oauth2ResourceServer(resource -> resource.authenticationManagerResolver(request -> tokens)
                        .authenticationEntryPoint(problems.entryPoint()).accessDeniedHandler(problems.accessDenied()));
        return stateless(http, problems).build();
    }

    /** Support staff of every escalation level. */
    private static final String[] STAFF = {Role.SUPPORT.name(), Role.DEVOPS.name(), Role.DEVELOPER.name(), Role.ADMIN.name()};

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, Converter<Jwt, AbstractAuthenticationToken> converter,
            ProblemResponses problems) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/auth/login", "/api/auth/refresh", "/error").permitAll()
                        // the escalation levels (§6.3): support opens, acknowledges and notes; DevOps and above escalate and resolve
                        .requestMatchers(HttpMethod.POST, "/api/incidents/*/escalate", "/api/incidents/*/resolve")
                        .hasAnyRole(Role.DEVOPS.name(), Role.DEVELOPER.name(), Role.ADMIN.name())
                        .requestMatchers("/api/incidents/**", "/api/contacts", "/api/alerts/**").hasAnyRole(STAFF)
                        // the metric history is the metrics over time: who reads /actuator/prometheus
                        .requestMatchers("/api/metrics/**").hasAnyRole(Role.ADMIN.name(), Role.DEVOPS.name())
                        // a heap dump holds every secret of the process: ADMIN only, audited (diagnostics.HeapDumps)
                        .requestMatchers("/api/diagnostics/heap").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/diagnostics/loggers/**").hasAnyRole(Role.DEVELOPER.name(), Role.ADMIN.name())
                        // the findings quote PostgreSQL's statements and sessions: those who may read thread dumps
                        .requestMatchers("/api/investigations/**").hasAnyRole(Role.DEVOPS.name(), Role.DEVELOPER.name(), Role.ADMIN.name())
                        .requestMatchers("/api/diagnostics/threads", "/api/diagnostics/snapshot")
                        .hasAnyRole(Role.DEVOPS.name(), Role.DEVELOPER.name(), Role.ADMIN.name())
                        .requestMatchers("/api/diagnostics/**").hasAnyRole(STAFF)
                        .requestMatchers("/api/admin/maintenance/**").hasAnyRole(Role.ADMIN.name(), Role.DEVOPS.name())
                        // the API's description names every operation: for those who run the platform
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml").hasAnyRole(Role.ADMIN.name(), Role.DEVOPS.name())
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems.entryPoint()).accessDeniedHandler(problems.accessDenied()));
        return stateless(http, problems).build();
    }

    private static HttpSecurity stateless(HttpSecurity http, ProblemResponses problems) throws Exception {
        return http.csrf(csrf -> csrf.disable()) // bearer tokens only: no cookie a forged request could ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

}
