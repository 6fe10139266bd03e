package com.nexusai.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.AlertsApi;
import com.nexusai.core.testing.ManualClock;
import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * The server evaluating the shipped alert rules over its own metrics: a connection pool held above
 * 90 % is pending, fires after the rule's 5 minutes (on a clock the test moves), and, being critical, opens one
 * incident with its snapshot (the default of nexusai.alerts.open-incidents); a backup older than 26 h, with no restore test
 * since, fires BackupTooOld and RestoreTestMissing, and a fresh one resolves them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nexusai.alerts.evaluation-interval=PT0.3S", "spring.datasource.hikari.maximum-pool-size=50", "nexusai.backup.metrics-refresh=PT0.3S"})
class AlertMonitorIT extends EmbeddedServerTest {

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
    HikariDataSource pool;

    @Autowired
    AlertMonitor monitor;


    @Test
    void aPoolHeldAbove90PercentFiresAfterFiveMinutesAndOpensOneIncident() throws Exception {
        String support = newUser("SUPPORT");
        AlertsApi alerts = AlertsApi.over(newClient("SUPPORT")); // the console's client, for a role that cannot read the metrics
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < 46) {
                held.add(pool.getConnection());
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts.active())
                    .anySatisfy(alert -> {
                        assertThat(alert.name()).isEqualTo("DatabaseConnectionExhausted");
                        assertThat(alert.state()).isEqualTo(AlertEngine.State.PENDING);
                        assertThat(alert.value()).isGreaterThan(0.9);
                        assertThat(alert.severity()).isEqualTo("critical");
                        assertThat(alert.labels()).containsKey("instance");
                        assertThat(alert.activeSince()).isNotNull();
                    }));
            assertThat(Http.json(http.get("/api/incidents", support)).valueStream()
                    .filter(i -> i.path("source").asString().startsWith("alert:DatabaseConnectionExhausted")).toList())
                    .as("pending opens nothing").isEmpty();

            alertClock.advance(Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Http.json(http.get("/api/incidents", support)).valueStream()
                    .filter(i -> i.path("source").asString().startsWith("alert:DatabaseConnectionExhausted")).toList()).hasSize(1));
            for (int more = 0; more < 3; more++) {
                monitor.evaluate(); // more evaluations while it fires, beside the scheduled ones
            }
            List<JsonNode> opened = Http.json(http.get("/api/incidents", support)).valueStream()
                    .filter(i -> i.path("source").asString().startsWith("alert:DatabaseConnectionExhausted")).toList();
            assertThat(opened).as("one incident while the alert fires").hasSize(1);
            JsonNode incident = opened.getFirst();
            assertThat(incident.path("severity").asString()).isEqualTo("critical");
            assertThat(incident.path("kind").asString()).isEqualTo("database");
            assertThat(incident.path("openedBy").asString()).isEqualTo("alerting");
            assertThat(incident.path("title").asString()).contains("Database connection pool nearly exhausted");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        alertClock.advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts.active())
                .noneSatisfy(alert -> assertThat(alert.name()).isEqualTo("DatabaseConnectionExhausted")));
        assertThat(http.get("/api/alerts", newUser("USER")).statusCode()).isEqualTo(403);
    }

    @Test
    void aBackupOlderThan26HoursFiresItsAlertUntilAFreshOneIsTaken() throws Exception {
        AlertsApi alerts = AlertsApi.over(newClient("SUPPORT"));
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(pool);
        java.util.UUID id = java.util.UUID.randomUUID();
        Instant finished = alertClock.instant().minus(Duration.ofHours(27));
        jdbc.update("""
                insert into backup_runs (id, kind, trigger, node, started_at, finished_at, status, size_bytes)
                values (?, 'postgres', 'scheduled', 'app1', ?, ?, 'succeeded', 1024)""", id,
                java.sql.Timestamp.from(finished.minusSeconds(60)), java.sql.Timestamp.from(finished));
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts.active()).anySatisfy(alert -> {
                assertThat(alert.name()).isEqualTo("BackupTooOld");
                assertThat(alert.state()).isEqualTo(AlertEngine.State.PENDING);
                assertThat(alert.labels()).containsEntry("kind", "postgres");
                assertThat(alert.value()).as("its age in seconds").isGreaterThan(Duration.ofHours(26).toSeconds());
            }).anySatisfy(alert -> assertThat(alert.name()).as("no restore test since that backup").isEqualTo("RestoreTestMissing")));
            alertClock.advance(Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts.active()).anySatisfy(alert -> {
                assertThat(alert.name()).isEqualTo("BackupTooOld");
                assertThat(alert.state()).isEqualTo(AlertEngine.State.FIRING);
                assertThat(alert.severity()).isEqualTo("critical");
            }));
            String support = newUser("SUPPORT");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Http.json(http.get("/api/incidents", support)).valueStream()
                    .filter(i -> i.path("source").asString().startsWith("alert:BackupTooOld")).toList()).singleElement()
                    .satisfies(incident -> assertThat(incident.path("kind").asString()).isEqualTo("database")));
        } finally {
            jdbc.update("update backup_runs set started_at = ?, finished_at = ?, verification = 'verified', verified_at = ? where id = ?",
                    java.sql.Timestamp.from(alertClock.instant().minusSeconds(60)), java.sql.Timestamp.from(alertClock.instant()),
                    java.sql.Timestamp.from(alertClock.instant()), id);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts.active())
                .noneSatisfy(alert -> assertThat(alert.name()).isIn("BackupTooOld", "RestoreTestMissing")));
    }
}
