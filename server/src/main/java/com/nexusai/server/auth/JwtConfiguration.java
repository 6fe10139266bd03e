package com.nexusai.server.auth;

import java.util.Collection;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    JwtEncoder jwtEncoder(JwtKeyRing keys) {
        JWKSource<SecurityContext> signing = (selector, context) -> selector.select(new com.nimbusds.jose.jwk.JWKSet(keys.signingKey()));
        return new NimbusJwtEncoder(signing);
    }

    /**
     * Only HS256 is accepted (so {@code alg: none} and algorithm swaps fail), the key is chosen by its
     * id among the ring's verification keys; then expiry and not-before (60 s skew), issuer, the
     * token type, revocations, and that the token's session is live and is its subject's with its roles
     * ({@link LiveSessions}: a token forged with a stolen key is still refused).
     */
    @Bean
    JwtDecoder jwtDecoder(JwtKeyRing keys, JwtProperties properties, Revocations revocations, LiveSessions sessions) {
        JWKSource<SecurityContext> verification = (selector, context) -> {
            List<JWK> found = selector.select(keys.verificationKeys());
            if (found.isEmpty() && keys.loadForUnknownKeys(selector.getMatcher().getKeyIDs())) {
                found = selector.select(keys.verificationKeys());
            }
            return found;
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, verification));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            // claims are checked by the Spring validators below, with clear error descriptions
        });
        OAuth2TokenValidator<Jwt> perRequest = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                claim(jwt -> !revocations.isRevoked(jwt.getClaimAsString(AccessTokens.SESSION_CLAIM)), "the token was revoked"),
                claim(jwt -> sessions.vouchesFor(jwt.getClaimAsString(AccessTokens.SESSION_CLAIM), jwt.getSubject(),
                        jwt.getClaimAsStringList(AccessTokens.ROLES_CLAIM)), "the token's session is not active"));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                claim(jwt -> AccessTokens.ACCESS_TYPE.equals(jwt.getClaimAsString(AccessTokens.TYPE_CLAIM)), "not an access token"),
                perRequest));
        return new VerifiedTokenCache(decoder, perRequest, properties.expiration());
    }

    private static OAuth2TokenValidator<Jwt> claim(java.util.function.Predicate<Jwt> test, String failure) {
        OAuth2Error error = new OAuth2Error("invalid_token", failure, null);
        return jwt -> test.test(jwt) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
    }

    /** The {@code roles} claim becomes ROLE_* authorities. */
    @Bean
    Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter() {
        return jwt -> {
            List<String> roles = jwt.getClaimAsStringList(AccessTokens.ROLES_CLAIM);
            Collection<GrantedAuthority> authorities = roles == null ? List.of()
                    : roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }
}
