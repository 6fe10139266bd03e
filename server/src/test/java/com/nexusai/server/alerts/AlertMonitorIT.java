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
 * incident with its snapshot (the default of nexusai.alerts.open-incidents).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nexusai.alerts.evaluation-interval=PT0.3S", "spring.datasource.hikari.maximum-pool-size=50"})
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
}
