package com.nexusai.server.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.io.HashingInputStream;
import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.NodeName;
import com.nexusai.server.web.BadRequestException;
import com.nexusai.server.web.ConflictException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs backups (in the background, one at a time per kind on this instance), keeps their progress
 * while they run, applies retention, restores, and verifies PostgreSQL backups by restoring them
 * into a scratch database.
 */
@Service
public class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd/HHmmss").withZone(ZoneOffset.UTC);

    private final BackupRuns runs;
    private final PostgresBackup postgres;
    private final RedisBackup redis;
    private final BackupStore store;
    private final BackupMetrics metrics;
    private final BackupProperties properties;
    private final NodeName node;
    private final JsonMapper json;
    private final ObjectProvider<EmbeddedPlatform> embedded;
    private final BackupJobs jobs;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("backup-", 0).daemon().factory());
    private final Map<BackupKind, UUID> running = new ConcurrentHashMap<>();
    private final Map<UUID, HashingInputStream> progress = new ConcurrentHashMap<>();

    BackupService(BackupRuns runs, PostgresBackup postgres, RedisBackup redis, BackupStore store, BackupMetrics metrics,
            BackupProperties properties, NodeName node, JsonMapper json, ObjectProvider<EmbeddedPlatform> embedded, BackupJobs jobs) {
        this.runs = runs;
        this.postgres = postgres;
        this.redis = redis;
        this.store = store;
        this.metrics = metrics;
        this.properties = properties;
        this.node = node;
        this.json = json;
        this.embedded = embedded;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void abandonInterruptedRuns() {
        int abandoned = runs.abandon(node.value());
        if (abandoned > 0) {
            log.warn("{} backup run(s) of this node were cut short by a stop; marked failed", abandoned);
        }
    }

    /** Starts backups of {@code kinds} in the background and returns their rows (status running). */
    public List<BackupRun> start(Set<BackupKind> kinds, String trigger, String user) {
        List<BackupRun> started = new ArrayList<>();
        for (BackupKind kind : kinds) {
            UUID id = claim(kind, trigger, user);
            workers.submit(() -> execute(id, kind, user));
            started.add(get(id));
        }
        return started;
    }

    /** Runs a backup of {@code kind} now, in this thread, and returns its finished row. */
    public BackupRun run(BackupKind kind, String trigger, String user) {
        UUID id = claim(kind, trigger, user);
        execute(id, kind, user);
        return get(id);
    }

    private UUID claim(BackupKind kind, String trigger, String user) {
        UUID placeholder = UUID.randomUUID();
        if (running.putIfAbsent(kind, placeholder) != null) {
            throw new ConflictException(ProblemText.of("backup.running", kind.id(), running.get(kind)));
        }
        try {
            UUID id = runs.start(kind, trigger, user, node.value());
            running.put(kind, id);
            return id;
        } catch (RuntimeException e) {
            running.remove(kind);
            throw e;
        }
    }

    private void execute(UUID id, BackupKind kind, String user) {
        long started = System.nanoTime();
        String key = kind.id() + "/" + KEY_TIME.format(Instant.now()) + "-" + id + (kind == BackupKind.POSTGRES ? ".dump" : ".rdb");
        try {
            if (kind == BackupKind.POSTGRES) {
                PostgresBackup.Dump dump = postgres.dump(key, stream -> progress.put(id, stream));
                runs.succeeded(id, dump.size(), dump.sha256(), key, json.writeValueAsString(dump.tableCounts()), dump.source(), user);
            } else {
                RedisBackup.Snapshot snapshot = redis.backup(key, stream -> progress.put(id, stream));
                runs.succeeded(id, snapshot.size(), snapshot.sha256(), key, null, null, user);
            }
            log.info("Backup {} of {} done in {} s: {}", id, kind.id(), String.format("%.1f", (System.nanoTime() - started) / 1e9), key);
            metrics.ran(kind, "succeeded");
        } catch (RuntimeException e) {
            log.warn("Backup {} of {} failed: {}", id, kind.id(), e.getMessage());
            removeQuietly(key);
            runs.failed(id, e.getMessage(), user);
            metrics.ran(kind, "failed");
        } finally {
            progress.remove(id);
            running.remove(kind, id);
        }
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Retention after backup {} failed: {}", id, e.getMessage());
        }
    }

    public BackupRun get(UUID id) {
        return withProgress(runs.get(id));
    }

    /** A running run's bytes so far, on the instance that runs it. */
    private BackupRun withProgress(BackupRun run) {
        HashingInputStream stream = progress.get(run.id());
        return stream == null ? run : run.withBytesSoFar(stream.count());
    }

    public List<BackupRun> list(String kind, int limit) {
        return runs.list(kind == null ? null : BackupKind.of(kind).id(), limit).stream().map(this::withProgress).toList();
    }

    /** Deletes backups older than the retention, keeping the newest good one of each kind. */
    public int prune() {
        int removed = 0;
        for (BackupRun run : runs.expired(Instant.now().minus(properties.retention()))) {
            try {
                if (run.objectKey() != null) {
                    store.remove(run.objectKey());
                }
                runs.delete(run.id(), run.objectKey());
                removed++;
            } catch (RuntimeException e) {
                log.warn("Could not delete expired backup {}: {}", run.id(), e.getMessage());
            }
        }
        return removed;
    }

    /**
     * Starts restoring a backup over the live data, once {@code confirm} repeats its id and it can be restored here: 400 or
     * 409 at once when not, else the job (202), followed through {@link #job}. A PostgreSQL restore keeps the backup
     * history as it is now (the dump holds the history of its own time).
     */
    public BackupJob startRestore(UUID id, String confirm, String user) {
        BackupRun run = runs.get(id);
        if (!id.toString().equals(confirm)) {
            throw new BadRequestException(ProblemText.of("backup.confirm", id));
        }
        if (!run.succeeded()) {
            throw new ConflictException(ProblemText.of("backup.notRestorable", id, run.status()));
        }
        boolean redisRun = run.kind().equals(BackupKind.REDIS.id());
        if (redisRun) {
            boolean aof = redis.aofEnabled();
            if (aof || embedded.getIfAvailable() == null) {
                throw new ConflictException(redisRestoreSteps(run, aof));
            }
        }
        return jobs.start(BackupJob.RESTORE, id, user, run.sizeBytes(), progress -> {
            if (redisRun) {
                restoreRedis(run, user, progress);
                return "Redis restored from " + run.objectKey();
            }
            List<BackupRun> history = runs.list(null, Integer.MAX_VALUE);
            progress.step("pg_restore");
            postgres.restore(run.objectKey(), null, progress::reading);
            progress.step("keeping today's backup history");
            runs.keep(history);
            runs.restored(id, user);
            log.warn("PostgreSQL restored from backup {} by {}", id, user);
            return "PostgreSQL restored from " + run.objectKey();
        });
    }

    /** Starts a restore test of a PostgreSQL backup (see {@link #verify}); 409 at once when it cannot be tested. */
    public BackupJob startVerify(UUID id, String user) {
        BackupRun run = verifiable(id);
        return jobs.start(BackupJob.RESTORE_TEST, id, user, run.sizeBytes(), progress -> {
            BackupRun verified = verify(run, progress);
            if (!"verified".equals(verified.verification())) {
                throw new BackupFailedException(verified.verificationDetail());
            }
            return verified.verificationDetail();
        });
    }

    /** A restore or restore test started here. */
    public BackupJob job(UUID jobId) {
        return jobs.get(jobId);
    }

    /** Restores a PostgreSQL backup into a scratch database, compares every table's rows with the dump's snapshot, and records the result. */
    public BackupRun verify(UUID id) {
        return verify(verifiable(id), new BackupJobs.Progress() {
            @Override
            public void step(String step) {
            }

            @Override
            public void reading(HashingInputStream dump) {
            }
        });
    }

    private BackupRun verifiable(UUID id) {
        BackupRun run = runs.get(id);
        if (!run.kind().equals(BackupKind.POSTGRES.id()) || !run.succeeded() || run.tableCounts() == null) {
            throw new ConflictException(ProblemText.of("backup.notVerifiable", id, run.kind(), run.status()));
        }
        return run;
    }

    private BackupRun verify(BackupRun run, BackupJobs.Progress progress) {
        UUID id = run.id();
        String scratch = "nexusai_verify_" + id.toString().replace("-", "").substring(0, 12);
        Map<String, Long> expected = json.readValue(run.tableCounts(), new TypeReference<TreeMap<String, Long>>() { });
        try {
            progress.step("creating the scratch database " + scratch);
            postgres.execute("drop database if exists " + scratch + " with (force)");
            postgres.execute("create database " + scratch);
            progress.step("pg_restore into " + scratch);
            postgres.restore(run.objectKey(), scratch, progress::reading);
            progress.step("counting the rows of every table");
            Map<String, Long> actual = postgres.countRows(scratch);
            List<String> differences = new ArrayList<>();
            for (String table : new TreeSet<>(union(expected.keySet(), actual.keySet()))) {
                Long want = expected.get(table);
                Long got = actual.get(table);
                if (want == null || !want.equals(got)) {
                    differences.add(table + ": " + got + " rows restored, " + want + " in the dump's snapshot");
                }
            }
            boolean ok = differences.isEmpty();
            runs.verified(id, ok, ok ? "restored into " + scratch + ": " + expected.size() + " tables, every row count equal"
                    : String.join("; ", differences));
        } catch (BackupFailedException e) {
            runs.verified(id, false, "restore test failed: " + e.getMessage());
        } finally {
            progress.step("dropping " + scratch);
            try {
                postgres.execute("drop database if exists " + scratch + " with (force)");
            } catch (RuntimeException e) {
                log.warn("Could not drop the scratch database {}: {}", scratch, e.getMessage());
            }
        }
        return runs.get(id);
    }

    /** The newest good backup of {@code kind}, or null. */
    public BackupRun lastGood(BackupKind kind) {
        return runs.lastGood(kind);
    }

    /**
     * Embedded mode, where the Redis data directory is the server's own: the snapshot is downloaded
     * beside it and checked against its sha256, then Redis is stopped without saving, the snapshot
     * put in place, and Redis started again. Otherwise (or with AOF on) the answer gives the steps.
     */
    private void restoreRedis(BackupRun run, String user, BackupJobs.Progress progress) {
        EmbeddedPlatform platform = embedded.getObject();
        Path staged = platform.dataDirectory().directory("redis").resolve("restore-" + run.id() + ".rdb");
        try {
            progress.step("downloading the snapshot");
            try (HashingInputStream in = new HashingInputStream(store.open(run.objectKey()))) {
                progress.reading(in);
                Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
                if (!in.sha256().equals(run.sha256())) {
                    throw new BackupFailedException("the snapshot in the store does not match its sha256 (" + run.sha256()
                            + "); Redis was left as it is");
                }
            }
            progress.step("restarting Redis on the snapshot");
            platform.restoreRedis(staged);
        } catch (java.io.IOException e) {
            throw new BackupFailedException("Redis restore: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFailedException("Redis restore was interrupted");
        } finally {
            try {
                Files.deleteIfExists(staged);
            } catch (java.io.IOException e) {
                log.warn("Could not delete {}: {}", staged, e.getMessage());
            }
        }
        runs.restored(run.id(), user);
        log.warn("Redis restored from backup {} by {}", run.id(), user);
    }

    private String redisRestoreSteps(BackupRun run, boolean aof) {
        return "The server restores Redis only where it runs it (embedded mode). " + (aof
                ? "This Redis has AOF on (aof_enabled:1): at start it reads the AOF and ignores an RDB, so copying the backup in would "
                        + "not take. Stop here and see docs/server.md, Backups and restore (Redis with AOF)."
                : "Steps: download " + run.objectKey() + " from bucket " + properties.bucket() + ", check its sha256 (" + run.sha256()
                        + "), stop Redis (SHUTDOWN NOSAVE), replace its dump.rdb with the file, start Redis. See docs/server.md, Backups and restore.");
    }

    private void removeQuietly(String key) {
        try {
            store.remove(key);
        } catch (RuntimeException e) {
            // nothing was stored, or the store is down: nothing to clean
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

}
