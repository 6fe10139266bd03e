package com.nexusai.server.auth;

import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies each access token's signature once: a token string that verified always carries the
 * same signature, so it is kept (up to {@value #MAX_ENTRIES} tokens) and only the checks that change
 * with time, expiry and revocation, run again on later requests.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final int MAX_ENTRIES = 10_000;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> perRequestChecks;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> perRequestChecks) {
        this.verifier = verifier;
        this.perRequestChecks = perRequestChecks;
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.get(token);
        if (jwt == null) {
            jwt = verifier.decode(token); // signature, algorithm, key id and every claim
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear(); // crude but bounded; the cost is one more verification per active token
            }
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = perRequestChecks.validate(jwt);
        if (result.hasErrors()) {
            verified.remove(token);
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }
}
