package com.nexusai.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

import com.nexusai.server.platform.Secrets;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Refresh tokens: opaque random strings, kept in Redis (only their SHA-256) with their TTL, so every
 * instance sees the same state. Each login starts a family; each refresh replaces the token with a
 * new one of the same family. A token presented twice means it was stolen: the whole family is
 * revoked.
 */
@Component
class RefreshTokens {

    private static final String TOKEN = "nexusai:auth:refresh:";
    private static final String USED = "nexusai:auth:refresh-used:";
    private static final String FAMILY = "nexusai:auth:family:";
    private static final String USER_FAMILIES = "nexusai:auth:user-families:";

    private final StringRedisTemplate redis;
    private final JwtProperties properties;
    private final Clock clock;

    RefreshTokens(StringRedisTemplate redis, JwtProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    record Issued(String token, String family, Instant expiresAt) {
    }

    /** What a refresh found: the user and family, or that the token was reused (the family is then revoked). */
    sealed interface Outcome {
        record Valid(String username, String family) implements Outcome {
        }

        record Reused(String username, String family) implements Outcome {
        }

        record Unknown() implements Outcome {
        }
    }

    Issued startFamily(String username) {
        String family = UUID.randomUUID().toString();
        redis.opsForValue().set(FAMILY + family, username, properties.refreshExpiration());
        redis.opsForSet().add(USER_FAMILIES + username, family);
        redis.expire(USER_FAMILIES + username, properties.refreshExpiration());
        return issue(username, family);
    }

    /** Takes a token out of use, atomically: of two concurrent refreshes with one token, one wins. */
    Outcome consume(String token) {
        String hash = hash(token);
        String value = redis.opsForValue().getAndDelete(TOKEN + hash);
        if (value == null) {
            String reused = redis.opsForValue().get(USED + hash);
            if (reused == null) {
                return new Outcome.Unknown();
            }
            String[] parts = reused.split("\\|", 2);
            return new Outcome.Reused(parts[1], parts[0]); // the caller revokes the whole session
        }
        String[] parts = value.split("\\|", 2);
        String family = parts[0];
        redis.opsForValue().set(USED + hash, value, properties.refreshExpiration());
        if (!Boolean.TRUE.equals(redis.hasKey(FAMILY + family))) {
            return new Outcome.Unknown();
        }
        return new Outcome.Valid(parts[1], family);
    }

    Issued issue(String username, String family) {
        String token = Secrets.randomToken(32);
        Duration ttl = properties.refreshExpiration();
        redis.opsForValue().set(TOKEN + hash(token), family + "|" + username, ttl);
        redis.expire(FAMILY + family, ttl);
        return new Issued(token, family, clock.instant().plus(ttl));
    }

    void revokeFamily(String family) {
        redis.delete(FAMILY + family);
    }

    /** Every family (session) the user started that may still be alive; forgets them. */
    Set<String> takeFamiliesOf(String username) {
        Set<String> families = redis.opsForSet().members(USER_FAMILIES + username);
        redis.delete(USER_FAMILIES + username);
        return families == null ? Set.of() : families;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
