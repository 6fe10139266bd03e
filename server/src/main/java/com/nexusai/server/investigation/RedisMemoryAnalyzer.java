package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Redis near its {@code maxmemory}, which the guide's table does not cover: with {@code noeviction} its writes start
 * failing (sign-ins, token refreshes, the session mirror), with an eviction policy it drops keys (sessions and refresh
 * tokens among them). A Redis without {@code maxmemory} grows until the host runs out, which the host's alerts watch.
 */
@Component
@Order(4)
class RedisMemoryAnalyzer implements Analyzer {

    static final double NEAR = 0.9;
    static final double AT = 0.98;

    private final RedisConnectionFactory connections;

    RedisMemoryAnalyzer(RedisConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Said reads() {
        return Said.of("reads.redis");
    }

    @Override
    public List<Found> analyze(Signals signals) {
        Properties memory;
        Properties stats;
        try (RedisConnection connection = connections.getConnection()) {
            memory = connection.serverCommands().info("memory");
            stats = connection.serverCommands().info("stats");
        }
        long used = number(memory, "used_memory");
        long limit = number(memory, "maxmemory");
        if (limit <= 0 || (double) used / limit < NEAR) {
            return List.of();
        }
        String policy = memory.getProperty("maxmemory_policy", "?");
        long evicted = number(stats, "evicted_keys");
        double share = (double) used / limit;
        List<Evidence> evidence = new ArrayList<>(List.of(Evidence.redis("used_memory", used), Evidence.redis("maxmemory", limit),
                Evidence.redis("maxmemory_policy", policy), Evidence.redis("evicted_keys", evicted)));
        boolean refusesWrites = policy.equals("noeviction");
        Severity severity = share >= AT ? Severity.CRITICAL : Severity.WARNING;
        return List.of(new Found("redis-memory-near-limit", severity, Said.of("redis.memory.title", share, policy),
                evidence, null, Said.of(refusesWrites ? "redis.memory.next.noeviction" : "redis.memory.next.evicting", evicted)));
    }

    private static long number(Properties info, String key) {
        try {
            return Long.parseLong(info.getProperty(key, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
