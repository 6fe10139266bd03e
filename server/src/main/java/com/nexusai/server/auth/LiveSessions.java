package com.nexusai.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sessions that sign-in started and that have not ended, with whose they are: an access token is
 * honoured only when its {@code sid} names one of them, for the same user and roles. A token signed
 * with a stolen key but naming no live session, someone else's session or more roles is refused.
 * Kept in Redis for every instance (a hash of session to owner and end), mirrored here every second
 * like the revocations so that a request costs no I/O; a session this instance has not seen yet (just
 * started on another one) is looked up once.
 */
@Component
class LiveSessions {

    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);
    private static final String SESSIONS = "nexusai:auth:sessions";

    /** Who a session belongs to, and until when it may be refreshed. */
    record Owner(String username, Set<String> roles, long endsAtEpochSecond) {

        String encode() {
            return username + "|" + String.join(",", roles) + "|" + endsAtEpochSecond;
        }

        static Owner decode(String value) {
            String[] parts = value.split("\\|", -1);
            if (parts.length != 3) {
                return null;
            }
            Set<String> roles = parts[1].isEmpty() ? Set.of() : new TreeSet<>(List.of(parts[1].split(",")));
            try {
                return new Owner(parts[0], Set.copyOf(roles), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final StringRedisTemplate redis;
    private final Clock clock;
    private volatile Map<String, Owner> mirror = Map.of();

    LiveSessions(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Starts or extends a session (sign-in, refresh). */
    void keep(String sessionId, String username, Collection<Role> roles, Duration lifetime) {
        Set<String> names = new TreeSet<>();
        roles.forEach(role -> names.add(role.name()));
        Owner owner = new Owner(username, Set.copyOf(names), clock.instant().plus(lifetime).getEpochSecond());
        redis.opsForHash().put(SESSIONS, sessionId, owner.encode());
        Map<String, Owner> next = new HashMap<>(mirror);
        next.put(sessionId, owner);
        mirror = Map.copyOf(next);
    }

    void end(String sessionId) {
        redis.opsForHash().delete(SESSIONS, sessionId);
        Map<String, Owner> next = new HashMap<>(mirror);
        next.remove(sessionId);
        mirror = Map.copyOf(next);
    }

    /** Whether a live session {@code sessionId} belongs to {@code username} with exactly {@code roles}. */
    boolean vouchesFor(String sessionId, String username, Collection<String> roles) {
        if (sessionId == null || username == null) {
            return false;
        }
        Owner owner = mirror.get(sessionId);
        if (owner == null) {
            owner = lookUp(sessionId);
        }
        return owner != null && owner.endsAtEpochSecond() > clock.instant().getEpochSecond()
                && owner.username().equals(username) && owner.roles().equals(roles == null ? Set.of() : new TreeSet<>(roles));
    }

    private Owner lookUp(String sessionId) {
        Object value = redis.opsForHash().get(SESSIONS, sessionId);
        return value == null ? null : Owner.decode(value.toString());
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 0)
    void refresh() {
        try {
            long now = clock.instant().getEpochSecond();
            Map<Object, Object> stored = redis.opsForHash().entries(SESSIONS);
            Map<String, Owner> live = new HashMap<>();
            List<Object> ended = new java.util.ArrayList<>();
            stored.forEach((id, value) -> {
                Owner owner = Owner.decode(value.toString());
                if (owner == null || owner.endsAtEpochSecond() <= now) {
                    ended.add(id);
                } else {
                    live.put(id.toString(), owner);
                }
            });
            if (!ended.isEmpty()) {
                redis.opsForHash().delete(SESSIONS, ended.toArray());
            }
            mirror = Map.copyOf(live);
        } catch (RuntimeException e) {
            log.warn("Live sessions could not be read from Redis (keeping the last known): {}", e.getMessage());
        }
    }
}
