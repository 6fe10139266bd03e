package com.nexusai.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Backups, restores and restore tests against the real embedded PostgreSQL, Redis and S3 store, with the real pg_dump and redis-cli. */
class BackupIT extends EmbeddedServerTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MinioClient minio;

    @Autowired
    DataSource dataSource;

    @Autowired
    Targets targets;

    @Autowired
    com.nexusai.server.replica.PostgresReplica replica;

    @Autowired
    BackupStore store;

    @Autowired
    BackupService backups;

    private JsonNode runBackup(String kind) throws Exception {
        HttpResponse<String> started = http.post("/api/admin/backups", Http.toJson(Map.of("kind", kind)), admin);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = Http.json(started).get(0).path("id").asString();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(Http.json(http.get("/api/admin/backups/" + id, admin)).path("status").asString()).isNotEqualTo("running"));
        JsonNode run = Http.json(http.get("/api/admin/backups/" + id, admin));
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
        return run;
    }

    /** A restore or restore test answered 202: followed through its progress events to the end; the finished job. */
    private JsonNode followJob(HttpResponse<String> accepted) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = Http.json(accepted);
        assertThat(job.path("status").asString()).isEqualTo("running");
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/admin/backups/jobs/" + job.path("id").asString());
        try (var stream = new com.nexusai.server.support.EventStream(http.sendStream(http.request(
                "/api/admin/backups/jobs/" + job.path("id").asString() + "/progress", admin).GET()))) {
            List<com.nexusai.server.support.EventStream.Event> events = stream.rest();
            assertThat(events).last().satisfies(last -> assertThat(last.name()).isEqualTo("finished"));
            assertThat(events).allSatisfy(event -> assertThat(event.json().path("bytesDone").asLong())
                    .isLessThanOrEqualTo(event.json().path("bytesTotal").asLong()));
            return events.getLast().json();
        }
    }

    private byte[] object(String key) throws Exception {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("nexusai-backups").object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private boolean enabled(String username) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select enabled from users where username = ?", Boolean.class, username));
    }

    private int users(String username) {
        return jdbc.queryForObject("select count(*) from users where username = ?", Integer.class, username);
    }

    @Test
    void aPostgresBackupRestoresTheDataAsItWasAndKeepsTheBackupHistory() throws Exception {
        assertThat(http.post("/api/admin/users", Http.toJson(Map.of("username", "before-backup", "password", "backup-password-1",
                "roles", List.of("USER"))), admin).statusCode()).isEqualTo(201);
        JsonNode run = runBackup("postgres");
        String id = run.path("id").asString();
        byte[] dump = object(run.path("objectKey").asString());
        assertThat(new String(dump, 0, 5, StandardCharsets.US_ASCII)).as("pg_dump custom format").isEqualTo("PGDMP");
        assertThat(run.path("sizeBytes").asLong()).isEqualTo(dump.length);
        assertThat(run.path("sha256").asString()).isEqualTo(sha256(dump));
        assertThat(Http.json(run.path("tableCounts").asString()).path("public.users").asLong()).isGreaterThanOrEqualTo(2);

        assertThat(http.post("/api/admin/users", Http.toJson(Map.of("username", "after-backup", "password", "backup-password-1",
                "roles", List.of("USER"))), admin).statusCode()).isEqualTo(201);
        assertThat(http.post("/api/admin/users/before-backup/disable", null, admin).statusCode()).isLessThan(300);
        assertThat(enabled("before-backup")).isFalse();

        HttpResponse<String> wrongConfirm = http.post("/api/admin/backups/" + id + "/restore", Http.toJson(Map.of("confirm", "yes")), admin);
        assertThat(wrongConfirm.statusCode()).isEqualTo(400);
        assertThat(Http.json(wrongConfirm).path("detail").asString()).contains("repeat the backup's id");
        String support = newUser("SUPPORT");
        assertThat(http.post("/api/admin/backups/" + id + "/restore", Http.toJson(Map.of("confirm", id)), support).statusCode()).isEqualTo(403);
        assertThat(users("after-backup")).isEqualTo(1);

        JsonNode restored = followJob(http.post("/api/admin/backups/" + id + "/restore", Http.toJson(Map.of("confirm", id)), admin));
        assertThat(restored.path("status").asString()).as(restored.toString()).isEqualTo("succeeded");
        assertThat(restored.path("action").asString()).isEqualTo("restore");
        assertThat(restored.path("bytesDone").asLong()).as("the whole dump read").isEqualTo(run.path("sizeBytes").asLong());
        assertThat(Http.json(http.get("/api/admin/backups/jobs/" + restored.path("id").asString(), admin)).path("status").asString())
                .isEqualTo("succeeded");
        assertThat(users("after-backup")).as("a user created after the backup").isZero();
        assertThat(enabled("before-backup")).as("a change made after the backup").isTrue();
        assertThat(Http.json(http.get("/api/admin/backups/" + id, admin)).path("status").asString())
                .as("the history is today's, not the dump's (where this run was still running)").isEqualTo("succeeded");
    }

    @Test
    void aBackupTakenWhileWritesContinueHoldsOneConsistentMomentAndPassesItsRestoreTest() throws Exception {
        jdbc.execute("create table if not exists bench_orders (id bigint primary key, total bigint not null)");
        jdbc.execute("create table if not exists bench_order_lines (order_id bigint primary key, amount bigint not null)");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Thread writer = Thread.ofPlatform().start(() -> {
            org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(
                    new org.springframework.jdbc.support.JdbcTransactionManager(dataSource));
            while (writing.get()) {
                long n = written.incrementAndGet();
                tx.executeWithoutResult(status -> {
                    jdbc.update("insert into bench_orders (id, total) values (?, ?)", n, n * 10);
                    jdbc.update("insert into bench_order_lines (order_id, amount) values (?, ?)", n, n * 10);
                });
            }
        });
        try {
            await().until(() -> written.get() > 200);
            JsonNode run = runBackup("postgres");
            JsonNode counts = Http.json(run.path("tableCounts").asString());
            long orders = counts.path("public.bench_orders").asLong();
            assertThat(orders).isPositive();
            assertThat(counts.path("public.bench_order_lines").asLong()).as("both tables of each committed write, or neither").isEqualTo(orders);
            await().until(() -> written.get() > orders + 100);
            writing.set(false);
            writer.join();

            JsonNode job = followJob(http.post("/api/admin/backups/" + run.path("id").asString() + "/verify", null, admin));
            assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.path("detail").asString()).contains("every row count equal");
            JsonNode result = Http.json(http.get("/api/admin/backups/" + run.path("id").asString(), admin));
            assertThat(result.path("verification").asString()).as(result.path("verificationDetail").asString()).isEqualTo("verified");
            assertThat(result.path("verificationDetail").asString()).contains("every row count equal");
            assertThat(jdbc.queryForObject("select count(*) from pg_database where datname like 'nexusai_verify_%'", Integer.class))
                    .as("the scratch database is dropped").isZero();
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void aRedisBackupIsASnapshotFetchedOverTheRedisProtocolAndRestoresInEmbeddedMode() throws Exception {
        redis.opsForValue().set("backup-probe", "kept-in-the-snapshot");
        JsonNode run = runBackup("redis");
        String id = run.path("id").asString();
        byte[] rdb = object(run.path("objectKey").asString());
        assertThat(new String(rdb, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("REDIS");
        assertThat(new String(rdb, StandardCharsets.ISO_8859_1)).contains("backup-probe").contains("kept-in-the-snapshot");
        assertThat(run.path("sha256").asString()).isEqualTo(sha256(rdb));

        redis.opsForValue().set("backup-probe", "changed-after-the-backup");
        redis.opsForValue().set("written-after-the-backup", "x");
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.serverCommands().setConfig("appendonly", "yes");
            return null;
        });
        try {
            HttpResponse<String> refused = http.post("/api/admin/backups/" + id + "/restore", Http.toJson(Map.of("confirm", id)), admin);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(Http.json(refused).path("detail").asString()).contains("AOF on").contains("ignores an RDB");
        } finally {
            redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
                connection.serverCommands().setConfig("appendonly", "no");
                return null;
            });
        }

        JsonNode restored = followJob(http.post("/api/admin/backups/" + id + "/restore", Http.toJson(Map.of("confirm", id)), admin));
        assertThat(restored.path("status").asString()).as(restored.toString()).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(redis.opsForValue().get("backup-probe")).isEqualTo("kept-in-the-snapshot"));
        assertThat(redis.hasKey("written-after-the-backup")).isFalse();
        assertThat(http.get("/actuator/health", admin).statusCode()).as("Redis is back for the rest of the server").isEqualTo(200);
    }

    @Test
    void aRedisBackupStartedWhileRedisIsAlreadySavingWaitsForThatSaveAndTakesItsOwn() throws Exception {
        // a save of Redis's own (a save point reached) still running when the backup asks for its BGSAVE:
        // rdb-key-save-delay (microseconds per key) makes a save of 40 keys last about 2 s
        for (int i = 0; i < 40; i++) {
            redis.opsForValue().set("slow-save-" + i, "x");
        }
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.serverCommands().setConfig("rdb-key-save-delay", "50000");
            connection.serverCommands().bgSave();
            return null;
        });
        try {
            redis.opsForValue().set("backup-after-a-running-save", "in-the-backup");
            JsonNode run = runBackup("redis");
            assertThat(new String(object(run.path("objectKey").asString()), StandardCharsets.ISO_8859_1))
                    .as("the backup's own snapshot, started after the running one ended").contains("backup-after-a-running-save");
        } finally {
            redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
                connection.serverCommands().setConfig("rdb-key-save-delay", "0");
                return null;
            });
        }
    }

    @Test
    void progressAndFigures() throws Exception {
        JsonNode run = runBackup("postgres");
        try (var stream = new com.nexusai.server.support.EventStream(http.sendStream(http.request(
                "/api/admin/backups/" + run.path("id").asString() + "/progress", admin).GET()))) {
            var event = stream.next();
            assertThat(event.name()).isEqualTo("finished");
            assertThat(event.json().path("sizeBytes").asLong()).isEqualTo(run.path("sizeBytes").asLong());
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String metrics = String.join("\n", http.get("/actuator/prometheus", admin).body().lines()
                    .filter(line -> line.startsWith("nexusai_backup")).toList());
            assertThat(metrics).containsPattern("nexusai_backup_last_success_timestamp_seconds\\{[^}]*kind=\"postgres\"[^}]*} 1\\.[0-9]+E9");
            assertThat(metrics).containsPattern("nexusai_backup_last_size_bytes\\{[^}]*kind=\"postgres\"[^}]*} [1-9]");
            assertThat(metrics).contains("nexusai_backup_runs_total{application=\"nexusai\",kind=\"postgres\",status=\"succeeded\"}");
        });
        List<String> types = Http.json(http.get("/api/events?type=backup.succeeded", admin)).valueStream()
                .map(e -> e.path("aggregateId").asString()).toList();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Http.json(http.get("/api/events?type=backup.succeeded", admin))
                .valueStream().map(e -> e.path("aggregateId").asString()).toList()).contains(run.path("id").asString()));
        assertThat(types).isNotNull();
    }

    @Test
    void retentionDeletesOldBackupsButNeverTheNewestGoodOfAKind() throws Exception {
        JsonNode fresh = runBackup("postgres");
        jdbc.update("""
                insert into backup_runs (id, kind, trigger, node, started_at, finished_at, status, object_key)
                values ('00000000-0000-0000-0000-000000000001', 'postgres', 'scheduled', 'test', now() - interval '9 days',
                        now() - interval '9 days', 'succeeded', 'postgres/old-one.dump'),
                       ('00000000-0000-0000-0000-000000000002', 'redis', 'scheduled', 'test', now() - interval '30 days',
                        now() - interval '30 days', 'failed', null)""");
        jdbc.update("delete from backup_runs where kind = 'redis' and id <> '00000000-0000-0000-0000-000000000002'");
        jdbc.update("""
                insert into backup_runs (id, kind, trigger, node, started_at, finished_at, status, object_key)
                values ('00000000-0000-0000-0000-000000000003', 'redis', 'scheduled', 'test', now() - interval '20 days',
                        now() - interval '20 days', 'succeeded', 'redis/only-good-one.rdb')""");
        backups.prune();
        List<String> left = jdbc.queryForList("select id::text from backup_runs", String.class);
        assertThat(left).doesNotContain("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")
                .contains("00000000-0000-0000-0000-000000000003", fresh.path("id").asString());
    }

    @Test
    void aMissingOrOldPgDumpIsRefusedWithWhatToInstall(@org.junit.jupiter.api.io.TempDir Path tools) throws Exception {
        BackupProperties missing = new BackupProperties("nexusai-backups", Duration.ofDays(7), tools.resolve("pg_dump").toString(), -1,
                "pg_restore", "redis-cli", Duration.ofMinutes(1));
        assertThatThrownBy(() -> new PostgresBackup(dataSource, replica, targets, store, missing).dump("postgres/never.dump", s -> { }))
                .isInstanceOf(BackupFailedException.class).hasMessageContaining("cannot be run").hasMessageContaining("postgresql-client-15");

        Path old = tools.resolve("pg_dump-14");
        Files.writeString(old, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.11'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        BackupProperties tooOld = new BackupProperties("nexusai-backups", Duration.ofDays(7), old.toString(), -1, "pg_restore", "redis-cli",
                Duration.ofMinutes(1));
        assertThatThrownBy(() -> new PostgresBackup(dataSource, replica, targets, store, tooOld).dump("postgres/never.dump", s -> { }))
                .isInstanceOf(BackupFailedException.class).hasMessageContaining("is version 14 and cannot handle a PostgreSQL 15 server");
    }
}
