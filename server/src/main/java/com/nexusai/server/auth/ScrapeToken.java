package com.nexusai.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.Secrets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The bearer token Prometheus sends for {@code /actuator/prometheus}: NEXUSAI_SCRAPE_TOKEN, or in
 * embedded mode one generated under the data directory. Deliberately not an AuthenticationProvider
 * bean: Spring Security would add such a bean to the global authentication manager, where it would
 * accept the scrape token on every endpoint.
 */
@Component
class ScrapeToken {

    private final byte[] token;

    ScrapeToken(ScrapeTokenProperties properties, ObjectProvider<EmbeddedPlatform> embedded) {
        String configured = Optional.ofNullable(properties.scrapeToken()).filter(t -> !t.isBlank())
                .or(() -> Optional.ofNullable(embedded.getIfAvailable())
                        .map(p -> p.dataDirectory().secret("scrape-token", () -> Secrets.randomToken(32))))
                .orElse(null);
        this.token = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison; false when no scrape token is configured. */
    boolean matches(String presented) {
        return token != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
