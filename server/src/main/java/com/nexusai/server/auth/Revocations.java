package com.nexusai.server.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sessions whose access tokens are void before they expire: ended by logout, by a reused refresh
 * token, or because their user was disabled or had roles or password changed. Kept in Redis for
 * every instance (a sorted set scored by when the last token could expire), mirrored here every
 * second so that checking a request costs no I/O.
 */
@Component
class Revocations {

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);
    private static final String SESSIONS = "nexusai:auth:revoked-sessions";

    private final StringRedisTemplate redis;
    private final RefreshTokens refreshTokens;
    private final LiveSessions sessions;
    private final JwtProperties properties;
    private final Clock clock;
    private volatile Set<String> revoked = Set.of();

    Revocations(StringRedisTemplate redis, RefreshTokens refreshTokens, LiveSessions sessions, JwtProperties properties,
            Clock clock) {
        this.redis = redis;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Ends a session: its refresh tokens stop working and its access tokens are refused. */
    void revokeSession(String sessionId) {
        refreshTokens.revokeFamily(sessionId);
        sessions.end(sessionId);
        Instant until = clock.instant().plus(properties.expiration());
        redis.opsForZSet().add(SESSIONS, sessionId, until.getEpochSecond());
        revoked = Stream.concat(revoked.stream(), Stream.of(sessionId)).collect(Collectors.toUnmodifiableSet());
    }

    /** Ends every session of the user. */
    void revokeUser(String username) {
        refreshTokens.takeFamiliesOf(username).forEach(this::revokeSession);
    }

    boolean isRevoked(String sessionId) {
        return sessionId == null || revoked.contains(sessionId);
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 0)
    void refresh() {
        try {
            long now = clock.instant().getEpochSecond();
            redis.opsForZSet().removeRangeByScore(SESSIONS, Double.NEGATIVE_INFINITY, now);
            Set<String> sessions = redis.opsForZSet().rangeByScore(SESSIONS, now, Double.POSITIVE_INFINITY);
            revoked = sessions == null ? Set.of() : Set.copyOf(sessions);
        } catch (RuntimeException e) {
            log.warn("Token revocations could not be read from Redis (keeping the last known): {}", e.getMessage());
        }
    }
}
