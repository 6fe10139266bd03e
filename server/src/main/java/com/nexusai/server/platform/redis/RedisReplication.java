package com.nexusai.server.platform.redis;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Redis's replication as this server sees it, and the wait that makes a session's writes survive a failover.
 *
 * <p>Every {@code nexusai.redis.refresh} the replication section of {@code INFO} is read from the server the
 * application writes to (the master Sentinel names): {@code nexusai_redis_master} (1 when it is a master),
 * {@code nexusai_redis_connected_replicas}, and per replica {@code nexusai_redis_replica_behind_bytes{replica}}
 * and {@code nexusai_redis_replica_lag_seconds{replica}}.
 *
 * <p>{@link #awaitReplicas()} sends {@code WAIT} on the connection the writes went through (the shared one: WAIT
 * counts that connection's writes), only when a replica is online, so that a master left alone after a
 * failover does not hold every caller for the timeout. A shortfall is counted ({@code
 * nexusai_redis_wait_short_total}) and logged once a minute at most.
 */
@Component
public class RedisReplication {

    private static final Logger log = LoggerFactory.getLogger(RedisReplication.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final StringRedisTemplate redis;
    private final int waitReplicas;
    private final Duration waitTimeout;
    private final MultiGauge behind;
    private final MultiGauge lag;
    private final AtomicLong master = new AtomicLong(-1);
    private final AtomicLong connected = new AtomicLong(-1);
    private final Counter shortfalls;
    private volatile RedisReplicationInfo latest;
    private volatile long lastShortfallLog;

    RedisReplication(StringRedisTemplate redis, DataRedisConnectionDetails connection, RedisReplicationProperties properties,
            MeterRegistry registry) {
        this.redis = redis;
        this.waitReplicas = properties.waitReplicas() != null ? properties.waitReplicas() : connection.getSentinel() != null ? 1 : 0;
        this.waitTimeout = properties.waitTimeout();
        Gauge.builder("nexusai.redis.master", master, AtomicLong::get)
                .description("1 when the Redis the server writes to is a master, 0 when a replica, -1 unknown").register(registry);
        Gauge.builder("nexusai.redis.connected.replicas", connected, AtomicLong::get)
                .description("Replicas connected to the Redis master (-1: unknown)").register(registry);
        this.behind = MultiGauge.builder("nexusai.redis.replica.behind.bytes").description("Bytes a replica has still to acknowledge")
                .register(registry);
        this.lag = MultiGauge.builder("nexusai.redis.replica.lag.seconds").description("Seconds since the replica's last acknowledgement")
                .register(registry);
        this.shortfalls = Counter.builder("nexusai.redis.wait.short")
                .description("Session writes answered before as many replicas as nexusai.redis.wait-replicas had them").register(registry);
    }

    public int waitReplicas() {
        return waitReplicas;
    }

    /** Null until the first read, or while Redis does not answer. */
    public RedisReplicationInfo latest() {
        return latest;
    }

    @Scheduled(fixedDelayString = "${nexusai.redis.refresh:5s}", initialDelayString = "PT1S")
    void refresh() {
        try {
            Properties info = redis.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info("replication"));
            RedisReplicationInfo read = RedisReplicationInfo.of(info == null ? new Properties() : info);
            latest = read;
            master.set(read.master() ? 1 : 0);
            connected.set(read.replicas().size());
            behind.register(read.replicas().stream().map(r -> MultiGauge.Row.of(Tags.of("replica", r.address()), read.behindBytes(r))).toList(), true);
            lag.register(read.replicas().stream().map(r -> MultiGauge.Row.of(Tags.of("replica", r.address()), r.lagSeconds())).toList(), true);
        } catch (RuntimeException e) {
            latest = null;
            master.set(-1);
            connected.set(-1);
        }
    }

    /**
     * Waits until {@code nexusai.redis.wait-replicas} replicas have this server's writes so far, at most {@code
     * wait-timeout}; returns how many had them (-1: no wait was needed or possible).
     */
    public long awaitReplicas() {
        RedisReplicationInfo known = latest;
        if (waitReplicas <= 0 || known == null || known.onlineReplicas() == 0) {
            return -1;
        }
        long wanted = Math.min(waitReplicas, known.onlineReplicas());
        Long acknowledged = redis.execute((RedisCallback<Long>) connection -> wait(connection, wanted));
        long had = acknowledged == null ? 0 : acknowledged;
        if (had < wanted) {
            shortfalls.increment();
            long now = System.nanoTime();
            if (now - lastShortfallLog > LOG_EVERY.toNanos()) {
                lastShortfallLog = now;
                log.warn("Redis: {} of {} replicas acknowledged a session's writes within {} ms; a failover now could lose them",
                        had, wanted, waitTimeout.toMillis());
            }
        }
        return had;
    }

    /** WAIT through Lettuce's own command on the connection the writes went through (the shared native one). */
    private Long wait(RedisConnection connection, long replicas) {
        if (!(connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> commands)) {
            return 0L;
        }
        try {
            return commands.waitForReplication((int) replicas, waitTimeout.toMillis())
                    .get(waitTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0L;
        } catch (ExecutionException | TimeoutException e) {
            return 0L;
        }
    }
}
