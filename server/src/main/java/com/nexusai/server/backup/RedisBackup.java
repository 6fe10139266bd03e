package com.nexusai.server.backup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import com.nexusai.server.io.HashingInputStream;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Redis backups: {@code BGSAVE}, then wait until {@code LASTSAVE} moves past the value read before
 * it (the guide's loop compared two fresh reads and never ended) and check
 * {@code rdb_last_bgsave_status}, within a timeout; then fetch a snapshot over the Redis protocol
 * with {@code redis-cli --rdb} (no shell access to the Redis host, unlike the guide's scp) and
 * stream it to the object store.
 */
@Component
class RedisBackup {

    private static final String INSTALL = "install redis-tools (redis-cli 7 or newer), or set nexusai.backup.redis-cli";

    record Snapshot(long size, String sha256, long lastSave) {
    }

    private final RedisConnectionFactory connections;
    private final Targets targets;
    private final BackupStore store;
    private final ClientTool redisCli;
    private final Duration timeout;

    RedisBackup(RedisConnectionFactory connections, Targets targets, BackupStore store, BackupProperties properties) {
        this.connections = connections;
        this.targets = targets;
        this.store = store;
        this.redisCli = new ClientTool(properties.redisCli(), INSTALL);
        this.timeout = properties.bgsaveTimeout();
    }

    Snapshot backup(String key, Consumer<HashingInputStream> progress) {
        long saved = bgsave();
        Targets.Redis target = targets.redis();
        List<String> args = new ArrayList<>(List.of("-h", target.host(), "-p", Integer.toString(target.port())));
        if (target.username() != null && !target.username().isBlank()) {
            args.addAll(List.of("--user", target.username()));
        }
        if (target.tls()) {
            args.add("--tls");
            if (target.caFile() != null) {
                args.addAll(List.of("--cacert", target.caFile()));
            }
        }
        args.addAll(List.of("--no-auth-warning", "--rdb", "-"));
        Map<String, String> environment = target.password() == null ? Map.of() : Map.of("REDISCLI_AUTH", target.password());
        ClientTool.Running fetch = redisCli.start(args, environment);
        HashingInputStream out = new HashingInputStream(fetch.process().getInputStream());
        progress.accept(out);
        try {
            store.put(key, out);
        } catch (RuntimeException e) {
            fetch.kill();
            throw e;
        }
        fetch.await();
        if (out.count() == 0) {
            throw new BackupFailedException("redis-cli --rdb wrote nothing");
        }
        return new Snapshot(out.count(), out.sha256(), saved);
    }

    /** Whether Redis has AOF on: it then ignores an RDB file at start, so an RDB restore would not take. */
    boolean aofEnabled() {
        try (RedisConnection connection = connections.getConnection()) {
            Properties info = connection.serverCommands().info("persistence");
            return info != null && "1".equals(info.getProperty("aof_enabled"));
        }
    }

    /** Spring Data Redis gives LASTSAVE as epoch milliseconds (Lettuce's Date); Redis counts seconds. */
    private static long seconds(long lastSave) {
        return lastSave > 100_000_000_000L ? lastSave / 1000 : lastSave;
    }

    /**
     * Runs BGSAVE and returns the new LASTSAVE once Redis reports the save done and good. A save already
     * running (one of Redis's own save points) is waited for first, then ours is started.
     */
    private long bgsave() {
        try (RedisConnection connection = connections.getConnection()) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Long before = startBgsave(connection, deadline);
            while (System.nanoTime() < deadline) {
                Long now = connection.serverCommands().lastSave();
                if (now != null && !now.equals(before)) {
                    Properties info = connection.serverCommands().info("persistence");
                    String status = info == null ? null : info.getProperty("rdb_last_bgsave_status");
                    if (!"ok".equals(status)) {
                        throw new BackupFailedException("Redis BGSAVE failed (rdb_last_bgsave_status:" + status + "); see the Redis log");
                    }
                    return now;
                }
                Thread.sleep(200);
            }
            throw timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFailedException("interrupted while waiting for BGSAVE");
        } catch (BackupFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackupFailedException("Redis: " + rootMessage(e), e);
        }
    }

    /** Starts BGSAVE, after any save in progress, and returns LASTSAVE as it was just before. */
    private Long startBgsave(RedisConnection connection, long deadline) throws InterruptedException {
        while (true) {
            while (saving(connection)) {
                if (System.nanoTime() >= deadline) {
                    throw timedOut();
                }
                Thread.sleep(200);
            }
            Long before = connection.serverCommands().lastSave();
            // LASTSAVE counts whole seconds: a save ending within the second of the last one would not move it
            Long serverMillis = connection.serverCommands().time();
            if (before != null && serverMillis != null && serverMillis / 1000 <= seconds(before)) {
                Thread.sleep((seconds(before) + 1) * 1000 - serverMillis + 20);
            }
            try {
                connection.serverCommands().bgSave();
                return before;
            } catch (RuntimeException e) {
                // another save started between the check and ours ("Background save already in progress")
                if (!rootMessage(e).contains("in progress") || System.nanoTime() >= deadline) {
                    throw e;
                }
            }
        }
    }

    /** Spring's "Error in execution" says nothing: the driver's cause does ("ERR Background save already in progress"). */
    private static String rootMessage(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean saving(RedisConnection connection) {
        Properties info = connection.serverCommands().info("persistence");
        return info != null && "1".equals(info.getProperty("rdb_bgsave_in_progress"));
    }

    private BackupFailedException timedOut() {
        return new BackupFailedException("Redis BGSAVE did not finish within " + timeout.toSeconds() + " s (nexusai.backup.bgsave-timeout)");
    }
}
