package com.nexusai.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.Secrets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/** Accepts the scrape token as the principal "prometheus" with the one role SCRAPER; abstains otherwise. */
@Component
class ScrapeTokenAuthenticationProvider implements AuthenticationProvider {

    static final String ROLE = "SCRAPER";

    private final byte[] token;

    ScrapeTokenAuthenticationProvider(ScrapeTokenProperties properties, ObjectProvider<EmbeddedPlatform> embedded) {
        String configured = Optional.ofNullable(properties.scrapeToken()).filter(t -> !t.isBlank())
                .or(() -> Optional.ofNullable(embedded.getIfAvailable())
                        .map(p -> p.dataDirectory().secret("scrape-token", () -> Secrets.randomToken(32))))
                .orElse(null);
        this.token = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (token == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
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
