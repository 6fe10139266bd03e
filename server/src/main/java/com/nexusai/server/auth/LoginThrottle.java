package com.nexusai.server.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per user name and per address in Redis (shared by all instances). Past the
 * limit, sign-in is refused for the rest of the window, whether the user exists or not.
 */
@Component
class LoginThrottle {

    private static final String USER = "nexusai:auth:failures:user:";
    private static final String ADDRESS = "nexusai:auth:failures:address:";

    private final StringRedisTemplate redis;
    private final LoginThrottleProperties properties;

    LoginThrottle(StringRedisTemplate redis, LoginThrottleProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** How long the caller must wait, if either counter is over its limit. */
    Optional<Duration> blockedFor(String username, String address) {
        return blocked(USER + key(username), properties.maxFailuresPerUser())
                .or(() -> blocked(ADDRESS + address, properties.maxFailuresPerAddress()));
    }

    void failed(String username, String address) {
        count(USER + key(username));
        count(ADDRESS + address);
    }

    void succeeded(String username) {
        redis.delete(USER + key(username));
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
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, properties.window());
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
