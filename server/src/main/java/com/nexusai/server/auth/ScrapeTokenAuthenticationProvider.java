package com.nexusai.server.auth;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Accepts the scrape token as the principal "prometheus" with the one role SCRAPER; abstains
 * otherwise. Used by the actuator filter chain only (see {@link ScrapeToken} for why it is no bean).
 */
final class ScrapeTokenAuthenticationProvider implements AuthenticationProvider {

    static final String ROLE = "SCRAPER";

    private final ScrapeToken scrapeToken;

    ScrapeTokenAuthenticationProvider(ScrapeToken scrapeToken) {
        this.scrapeToken = scrapeToken;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!scrapeToken.matches(((BearerTokenAuthenticationToken) authentication).getToken())) {
            return null; // not the scrape token: the JWT provider decides
        }
        return UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
