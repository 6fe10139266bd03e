package com.nexusai.server.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counts failed password checks in Redis (shared by all instances). Sign-in is refused for the rest of
 * the window once a user name has failed too often from one address, or an address has failed too
 * often for any names: an attacker elsewhere cannot lock a user out, and one address cannot try many
 * names. The current-password check of a password change is counted per user the same way, so a
 * stolen access token cannot guess it. A counter and its expiry are set in one step: a crash between
 * the two never leaves a name locked for good.
 */
@Component
class LoginThrottle {

    private static final String USER_AT_ADDRESS = "nexusai:auth:failures:user:";
    private static final String ADDRESS = "nexusai:auth:failures:address:";
    private static final String PASSWORD_CHANGE = "nexusai:auth:failures:password-change:";
    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
                redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return count""", Long.class);

    private final StringRedisTemplate redis;
    private final LoginThrottleProperties properties;

    LoginThrottle(StringRedisTemplate redis, LoginThrottleProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** How long the caller must wait before signing in, if a counter is over its limit. */
    Optional<Duration> blockedFor(String username, String address) {
        return blocked(userAt(username, address), properties.maxFailuresPerUser())
                .or(() -> blocked(ADDRESS + address, properties.maxFailuresPerAddress()));
    }

    void failed(String username, String address) {
        count(userAt(username, address));
        count(ADDRESS + address);
    }

    void succeeded(String username, String address) {
        redis.delete(userAt(username, address));
    }

    /** How long the user must wait before another password change, if they got the current one wrong too often. */
    Optional<Duration> passwordChangeBlockedFor(String username) {
        return blocked(PASSWORD_CHANGE + key(username), properties.maxFailuresPerUser());
    }

    void passwordChangeFailed(String username) {
        count(PASSWORD_CHANGE + key(username));
    }

    void passwordChangeSucceeded(String username) {
        redis.delete(PASSWORD_CHANGE + key(username));
    }

    private Optional<Duration> blocked(String key, int limit) {
        String value = redis.opsForValue().get(key);
        if (value == null || Long.parseLong(value) < limit) {
            return Optional.empty();
        }
        Long ttl = redis.getExpire(key);
        return Optional.of(Duration.ofSeconds(ttl == null || ttl < 1 ? 1 : ttl));
    }

    private void count(String key) {
        redis.execute(COUNT, List.of(key), Long.toString(properties.window().toMillis()));
    }

    private static String userAt(String username, String address) {
        return USER_AT_ADDRESS + key(username) + "|" + address;
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
