package com.nexusai.server.investigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import com.nexusai.core.testing.ManualClock;
import com.nexusai.server.backup.BackupKind;
import com.nexusai.server.backup.BackupRun;
import com.nexusai.server.backup.BackupService;
import com.nexusai.server.events.DomainEvents;
import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Faults made for real on the embedded platform, each with the cause the analyzers must name and its evidence; and a
 * healthy platform, on which they must raise nothing. Each scenario undoes its fault before it ends.
 */
@TestPropertySource(properties = {"nexusai.investigations.slow-query=1s", "nexusai.investigations.long-transaction=1s",
        "nexusai.kafka.lag-refresh=1s", "nexusai.backup.metrics-refresh=PT0.5S", "nexusai.metrics.history.interval=PT1S"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the healthy platform first: a slow request stays in the latency's 5 minutes
class InvestigationScenariosIT extends EmbeddedServerTest {

    /** The alerts' clock, which the findings read too: a test moves it to age a backup. */
    @TestConfiguration
    static class AlertClock {
        @Bean
        ManualClock alertClock() {
            return new ManualClock(Instant.now());
        }
    }

    @Autowired
    ManualClock alertClock;

    @Autowired
    BackupService backups;

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final List<ScenarioScore.Outcome> SCORES = new java.util.concurrent.CopyOnWriteArrayList<>();

    private String scenario;

    @BeforeEach
    void name(TestInfo test) {
        scenario = test.getTestMethod().orElseThrow().getName();
    }

    @AfterAll
    static void writeScores() throws java.io.IOException {
        ScenarioScore.report(SCORES, java.nio.file.Path.of("target", "investigation-scores.md"));
    }

    @Autowired
    HikariDataSource pool;

    @Autowired
    RedisConnectionFactory redis;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    DomainEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    @Order(1)
    void aHealthyPlatformRaisesNothing() throws Exception {
        HttpResponse<String> response = http.get("/api/investigations/findings", admin);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).values()).noneMatch(finding -> !finding.path("severity").asString().equals("info"));
    }

    @Test
    void connectionsHeldByIdleTransactionsExhaustThePoolAndABiggerPoolIsNotTheFix() throws Exception {
        List<Connection> held = new ArrayList<>();
        AtomicBoolean waiting = new AtomicBoolean(true);
        CompletableFuture<Void> waiter = null;
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection connection = pool.getConnection();
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select 1"); // now idle in transaction
                }
                held.add(connection);
            }
            waiter = CompletableFuture.runAsync(() -> { // a request thread waiting for a connection, as long as the scenario lasts
                while (waiting.get()) {
                    try (Connection ignored = pool.getConnection()) {
                        return;
                    } catch (SQLException timedOut) {
                        // waited its connection-timeout: wait again
                    }
                }
            });

            JsonNode finding = awaitFinding("pool-held-by-transactions", Set.of("pool-too-small"), "fr");

            assertThat(finding.path("severity").asString()).isEqualTo("critical");
            assertThat(finding.path("runbookRow").asString()).isEqualTo("pool");
            assertThat(finding.path("title").asString()).contains("épuisé par de longues transactions", "de ses " + pool.getMaximumPoolSize());
            assertThat(evidence(finding, "holding")).hasSizeGreaterThanOrEqualTo(1).allMatch(value -> value.contains("idle in transaction"));
            assertThat(evidence(finding, "hikaricp_connections_pending{pool=\"" + pool.getPoolName() + "\"}"))
                    .singleElement().satisfies(pending -> assertThat(Long.parseLong(pending)).isPositive());
            assertThat(ids(findings("en"))).doesNotContain("pool-too-small");
        } finally {
            waiting.set(false);
            for (Connection connection : held) {
                connection.rollback();
                connection.close();
            }
            if (waiter != null) {
                waiter.join();
            }
        }
    }

    @Test
    void requestsSlowedByWaitingForAConnectionAreBlamedOnThePoolNotTheCollectorOrPostgres() throws Exception {
        List<Connection> held = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                held.add(pool.getConnection());
            }
            for (int i = 0; i < 3; i++) { // requests that read the database, now waiting for a connection
                requests.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return http.get("/api/incidents", admin);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            await().atMost(WITHIN).until(() -> pool.getHikariPoolMXBean().getThreadsAwaitingConnection() >= 3);
            LockSupport.parkNanos(Duration.ofSeconds(3).toNanos()); // the fault: every connection busy for three seconds more
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            assertThat(request.join().statusCode()).as("served once a connection came back, within the pool's timeout").isEqualTo(200);
        }

        JsonNode finding = awaitFinding("latency-from-pool-waits", Set.of("pool-too-small", "pool-held-by-transactions"), "en");

        assertThat(finding.path("runbookRow").asString()).isEqualTo("pool");
        assertThat(finding.path("title").asString()).startsWith("Requests are slow (p95 ").contains("because they wait for a database connection");
        assertThat(Double.parseDouble(evidence(finding, "hikaricp_connections_acquire_seconds_max").getFirst())).isGreaterThanOrEqualTo(2.5);
        assertThat(Double.parseDouble(evidence(finding, "http_p95_seconds, highest over the last 5 min").getFirst())).isGreaterThan(2.0);
        assertThat(ids(findings("en"))).doesNotContain("latency-from-gc", "latency-from-slow-queries", "latency-unexplained");
    }

    @Test
    void aStatementWaitsForALockThatAnIdleTransactionHolds() throws Exception {
        try (Connection setup = direct()) {
            try (Statement statement = setup.createStatement()) {
                statement.execute("create table investigation_probe (id int primary key, n int)");
                statement.execute("insert into investigation_probe values (1, 0)");
            }
            try (Connection holder = direct(); Connection blocked = direct()) {
                int holderPid = pid(holder);
                holder.setAutoCommit(false);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("update investigation_probe set n = n + 1 where id = 1");
                }
                CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                    try (Statement statement = blocked.createStatement()) {
                        statement.execute("update investigation_probe set n = n + 10 where id = 1");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                try {
                    JsonNode finding = awaitFinding("lock-wait", Set.of("slow-queries"), "en");

                    assertThat(finding.path("severity").asString()).isEqualTo("critical");
                    assertThat(finding.path("title").asString()).contains("held by session " + holderPid, "idle in a transaction");
                    assertThat(finding.path("next").asString()).contains("pg_terminate_backend(" + holderPid + ")");
                    assertThat(evidence(finding, "blocking")).singleElement().asString().startsWith("pid " + holderPid + ", idle in transaction")
                            .contains("update investigation_probe set n = n + 1");
                    assertThat(evidence(finding, "waiting")).singleElement().asString().contains("update investigation_probe set n = n + 10");
                } finally {
                    holder.rollback();
                    waiter.join();
                }
            }
            try (Statement statement = setup.createStatement()) {
                statement.execute("drop table investigation_probe");
            }
        }
        assertThat(ids(findings("en"))).doesNotContain("lock-wait");
    }

    @Test
    void aSlowStatementIsNamedWithItsSession() throws Exception {
        try (Connection slow = direct()) {
            int pid = pid(slow);
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try (Statement statement = slow.createStatement()) {
                    statement.execute("select pg_sleep(60) /* investigation probe */");
                } catch (SQLException cancelled) {
                    // cancelled below, once seen
                }
            });
            try {
                JsonNode finding = awaitFinding("slow-queries", "en");

                assertThat(finding.path("runbookRow").asString()).isEqualTo("latency");
                assertThat(evidence(finding, "pg_stat_activity")).anyMatch(value -> value.startsWith("pid " + pid + ", active")
                        && value.contains("pg_sleep(60)"));
            } finally {
                try (Connection canceller = direct(); Statement statement = canceller.createStatement()) {
                    statement.execute("select pg_cancel_backend(" + pid + ")");
                }
                running.join();
            }
        }
    }

    @Test
    void redisNearItsMaxmemoryIsFoundBeforeItsWritesFail() throws Exception {
        try (RedisConnection connection = redis.getConnection()) {
            long limit = used(connection) + 4 * 1024 * 1024;
            connection.serverCommands().setConfig("maxmemory", Long.toString(limit));
            int written = 0;
            try {
                byte[] value = new byte[8 * 1024];
                while ((double) used(connection) / limit < 0.93) { // towards the limit, short of it
                    connection.stringCommands().set(("investigation:fill:" + written++).getBytes(), value);
                }

                JsonNode finding = awaitFinding("redis-memory-near-limit", "en");

                assertThat(finding.path("title").asString()).startsWith("Redis is at 9").contains("of its maxmemory (policy noeviction)");
                assertThat(evidence(finding, "maxmemory_policy")).containsExactly("noeviction");
                assertThat(evidence(finding, "maxmemory")).containsExactly(Long.toString(limit));
                assertThat(finding.path("next").asString()).contains("its writes fail");
            } finally {
                connection.serverCommands().setConfig("maxmemory", "0");
                for (int i = 0; i < written; i++) {
                    connection.keyCommands().del(("investigation:fill:" + i).getBytes());
                }
            }
        }
        assertThat(ids(findings("en"))).doesNotContain("redis-memory-near-limit");
    }

    @Test
    void redisDroppingKeysToStayWithinItsMaxmemoryIsNamedWithTheCount() throws Exception {
        try (RedisConnection connection = redis.getConnection()) {
            long limit = used(connection) + 2 * 1024 * 1024;
            // only keys that expire may go (the test's own): the sign-in sessions the test's requests ride on have no expiry
            connection.serverCommands().setConfig("maxmemory-policy", "volatile-lru");
            connection.serverCommands().setConfig("maxmemory", Long.toString(limit));
            long evictedBefore = evicted(connection);
            int written = 0;
            try {
                byte[] value = new byte[8 * 1024];
                while (evicted(connection) < evictedBefore + 50) { // past the limit: Redis drops the least recently used keys
                    connection.stringCommands().set(("investigation:evict:" + written++).getBytes(), value,
                            org.springframework.data.redis.core.types.Expiration.seconds(600),
                            org.springframework.data.redis.connection.RedisStringCommands.SetOption.UPSERT);
                }

                JsonNode finding = awaitFinding("redis-evicting", Set.of("redis-memory-near-limit"), "en");

                assertThat(finding.path("title").asString()).startsWith("Redis dropped ").contains("(policy volatile-lru)");
                assertThat(Long.parseLong(evidence(finding, "redis_evicted_keys_total, increase over the last 10 min").getFirst())).isGreaterThanOrEqualTo(50);
            } finally {
                connection.serverCommands().setConfig("maxmemory", "0");
                connection.serverCommands().setConfig("maxmemory-policy", "noeviction");
                for (int i = 0; i < written; i++) {
                    connection.keyCommands().del(("investigation:evict:" + i).getBytes());
                }
            }
        }
    }

    private static long evicted(RedisConnection connection) {
        return Long.parseLong(connection.serverCommands().info("stats").getProperty("evicted_keys"));
    }

    @Test
    void theAuditConsumerPausedWhileEventsFlowIsStuckAndStoppedOnceItLeaves() throws Exception {
        MessageListenerContainer audit = listeners.getAllListenerContainers().stream()
                .filter(container -> "nexusai-audit".equals(container.getGroupId())).findFirst().orElseThrow();
        AtomicBoolean flowing = new AtomicBoolean(true);
        audit.pause();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> { // events through the outbox, as the server's own
            while (flowing.get()) {
                transactions.executeWithoutResult(status -> events.record("investigation.probe", "probe", "1", "test", Map.of()));
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        });
        try {
            JsonNode stuck = awaitFinding("kafka-consumer-stalled", Set.of("kafka-consumer-falling-behind"), "en");

            assertThat(stuck.path("severity").asString()).isEqualTo("critical");
            assertThat(stuck.path("runbookRow").asString()).isEqualTo("kafka-lag");
            assertThat(stuck.path("title").asString()).startsWith("The consumer group nexusai-audit is stuck on nexusai.events");
            assertThat(evidence(stuck, "consumers in the group")).containsExactly("1");
            assertThat(evidence(stuck, "committed offset, records/s")).containsExactly("0.0");
            assertThat(ids(findings("en"))).doesNotContain("kafka-consumer-falling-behind");

            audit.stop(); // its only consumer leaves the group

            JsonNode stopped = awaitFinding("kafka-consumer-stopped", Set.of("kafka-consumer-stalled"), "fr");
            assertThat(stopped.path("title").asString()).startsWith("Le groupe de consommateurs nexusai-audit n’a plus de consommateur");
            assertThat(evidence(stopped, "consumers in the group")).containsExactly("0");
        } finally {
            flowing.set(false);
            producer.join();
            if (!audit.isRunning()) {
                audit.start();
            }
            audit.resume();
        }
        await().atMost(WITHIN).until(() -> findings("en").stream().noneMatch(finding -> finding.path("id").asString().startsWith("kafka-")
                && !finding.path("severity").asString().equals("info")));
    }

    @Test
    void aBackupLeftToAgePast26HoursIsStale() throws Exception {
        BackupRun run = backups.run(BackupKind.POSTGRES, "manual", "admin"); // a real pg_dump, stored in the embedded S3 store
        assertThat(run.succeeded()).as(run.error()).isTrue();
        assertThat(ids(findings("en"))).doesNotContain("backup-stale");

        alertClock.advance(Duration.ofHours(27)); // no nightly backup since
        try {
            JsonNode stale = awaitFinding("backup-stale", "fr");

            assertThat(stale.path("severity").asString()).isEqualTo("critical");
            assertThat(stale.path("title").asString()).isEqualTo("La dernière bonne sauvegarde postgres a 27 h : la sauvegarde de nuit n’a pas tourné ou a échoué");
            assertThat(evidence(stale, "nexusai_backup_last_success_timestamp_seconds{kind=\"postgres\"}"))
                    .containsExactly(Long.toString(run.finishedAt().getEpochSecond()));
        } finally {
            alertClock.advance(Duration.ofHours(-27));
        }
    }

    @Test
    void onlyThoseWhoMayReadThreadDumpsGetTheFindingsAndEachInstanceAnswersForItself() throws Exception {
        assertThat(http.get("/api/investigations/findings", newUser("USER")).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/investigations/findings", newUser("SUPPORT")).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/investigations/findings", newUser("DEVOPS")).statusCode()).isEqualTo(200);

        HttpResponse<String> elsewhere = http.get("/api/investigations/findings?instance=instance-2", admin);

        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(Http.json(elsewhere).path("detail").asString()).startsWith("instance: instance-2 is not this instance");
    }

    private JsonNode awaitFinding(String id, String language) {
        return awaitFinding(id, Set.of(), language);
    }

    /**
     * Waits for the scenario's expected finding and scores what the analyzers said (the last answer when it never
     * came, which then fails the test with its score); the scores are written to {@code target/investigation-scores.md}.
     */
    private JsonNode awaitFinding(String id, Set<String> oneHopShort, String language) {
        java.util.concurrent.atomic.AtomicReference<List<JsonNode>> last = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        try {
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
                last.set(findings(language));
                return last.get().stream().anyMatch(finding -> finding.path("id").asString().equals(id));
            });
        } catch (org.awaitility.core.ConditionTimeoutException timedOut) {
            // scored below from the last answer
        }
        List<ScenarioScore.Seen> seen = last.get().stream().map(finding -> new ScenarioScore.Seen(finding.path("id").asString(),
                finding.path("severity").asString(), finding.path("evidence").size())).toList();
        ScenarioScore score = ScenarioScore.of(id, oneHopShort, seen);
        SCORES.add(new ScenarioScore.Outcome(scenario, id, score, seen.stream().filter(each -> !each.severity().equals("info"))
                .map(each -> each.id() + " (" + each.severity() + ")").toList()));
        assertThat(score).as("what the analyzers said: " + seen).isEqualTo(ScenarioScore.RIGHT_CAUSE_WITH_EVIDENCE);
        return last.get().stream().filter(finding -> finding.path("id").asString().equals(id)).findFirst().orElseThrow();
    }

    private List<JsonNode> findings(String language) throws Exception {
        HttpResponse<String> response = http.send(http.request("/api/investigations/findings", admin).header("Accept-Language", language).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).values().stream().toList();
    }

    private static List<String> ids(List<JsonNode> findings) {
        return findings.stream().map(finding -> finding.path("id").asString()).toList();
    }

    private static List<String> evidence(JsonNode finding, String name) {
        return finding.path("evidence").values().stream().filter(item -> item.path("name").asString().equals(name))
                .map(item -> item.path("value").asString()).toList();
    }

    private static long used(RedisConnection connection) {
        return Long.parseLong(connection.serverCommands().info("memory").getProperty("used_memory"));
    }

    /** A connection of the test's own, outside the server's pool. */
    private Connection direct() throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("user", pool.getUsername());
        settings.setProperty("password", pool.getPassword());
        return DriverManager.getConnection(pool.getJdbcUrl(), settings);
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
