package com.nexusai.server.investigation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.function.Function;

import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.server.metrics.MetricHistory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Redis near its {@code maxmemory}, which the guide's table does not cover: with {@code noeviction} its writes start
 * failing (sign-ins, token refreshes, the session mirror), with an eviction policy it drops keys (sessions and refresh
 * tokens among them). A Redis without {@code maxmemory} grows until the host runs out, which the host's alerts watch.
 * Keys evicted over the last ten minutes (the exporter's {@code redis_evicted_keys_total} in the metric history) are a
 * finding of their own, wherever the memory stands now: a burst may have passed, the lost sessions have not.
 */
@Component
@Order(4)
class RedisMemoryAnalyzer implements Analyzer {

    static final double NEAR = 0.9;
    static final double AT = 0.98;

    /** How far back evictions are counted. */
    static final Duration EVICTIONS_OVER = Duration.ofMinutes(10);

    private final RedisConnectionFactory connections;
    private final Function<Duration, List<MetricHistory.Reading>> evictedHistory;

    @Autowired
    RedisMemoryAnalyzer(RedisConnectionFactory connections, MetricHistory history) {
        this(connections, span -> history.recent(HistorySeries.REDIS_EVICTED, span));
    }

    RedisMemoryAnalyzer(RedisConnectionFactory connections, Function<Duration, List<MetricHistory.Reading>> evictedHistory) {
        this.connections = connections;
        this.evictedHistory = evictedHistory;
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
        String policy = memory.getProperty("maxmemory_policy", "?");
        long evicted = number(stats, "evicted_keys");
        List<Found> found = new ArrayList<>();
        if (limit > 0 && (double) used / limit >= NEAR) {
            double share = (double) used / limit;
            List<Evidence> evidence = new ArrayList<>(List.of(Evidence.redis("used_memory", used), Evidence.redis("maxmemory", limit),
                    Evidence.redis("maxmemory_policy", policy), Evidence.redis("evicted_keys", evicted)));
            boolean refusesWrites = policy.equals("noeviction");
            Severity severity = share >= AT ? Severity.CRITICAL : Severity.WARNING;
            found.add(new Found("redis-memory-near-limit", severity, Said.of("redis.memory.title", share, policy),
                    evidence, null, Said.of(refusesWrites ? "redis.memory.next.noeviction" : "redis.memory.next.evicting", evicted)));
        }
        long recent = evictedSince(evictedHistory.apply(EVICTIONS_OVER), evicted);
        if (recent > 0) {
            found.add(new Found("redis-evicting", Severity.WARNING, Said.of("redis.evicting.title", recent, EVICTIONS_OVER.toMinutes(), policy),
                    List.of(Evidence.redis("evicted_keys", evicted), new Evidence("history", "redis_evicted_keys_total, increase over the last "
                            + EVICTIONS_OVER.toMinutes() + " min", recent), Evidence.redis("used_memory", used), Evidence.redis("maxmemory", limit),
                            Evidence.redis("maxmemory_policy", policy)),
                    null, Said.of("redis.evicting.next")));
        }
        return found;
    }

    /**
     * How many keys were evicted over the history's span, up to {@code now} (INFO's count this instant): the counter's
     * growth from the oldest reading; a counter that went down (Redis restarted) counts from zero.
     */
    static long evictedSince(List<MetricHistory.Reading> history, long now) {
        OptionalDouble oldest = history.stream().mapToDouble(MetricHistory.Reading::value).filter(value -> !Double.isNaN(value)).findFirst();
        if (oldest.isEmpty()) {
            return 0;
        }
        long first = (long) oldest.getAsDouble();
        return now >= first ? now - first : now;
    }

    private static long number(Properties info, String key) {
        try {
            return Long.parseLong(info.getProperty(key, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
