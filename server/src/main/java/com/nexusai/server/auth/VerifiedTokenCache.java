package com.nexusai.server.auth;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies each access token's signature once: a token string that verified always carries the
 * same signature, so it is kept (up to {@value #MAX_ENTRIES} tokens, the least used evicted first, none
 * longer than a token lives) and only the checks that change with time, expiry, revocation and the
 * session, run again on later requests.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final int MAX_ENTRIES = 10_000;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> perRequestChecks;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> perRequestChecks, Duration tokenLifetime) {
        this.verifier = verifier;
        this.perRequestChecks = perRequestChecks;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(tokenLifetime).build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            jwt = verifier.decode(token); // signature, algorithm, key id and every claim
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = perRequestChecks.validate(jwt);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }
}
