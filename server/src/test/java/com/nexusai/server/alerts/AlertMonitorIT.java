package com.nexusai.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
 * 90 % is pending, fires after the rule's 5 minutes (on a clock the test moves), and opens one
 * incident with its snapshot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nexusai.alerts.open-incidents=true", "nexusai.alerts.evaluation-interval=PT0.3S", "spring.datasource.hikari.maximum-pool-size=50"})
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

    private List<JsonNode> alerts(String token) throws Exception {
        return Http.json(http.get("/api/alerts", token)).valueStream().toList();
    }

    @Test
    void aPoolHeldAbove90PercentFiresAfterFiveMinutesAndOpensOneIncident() throws Exception {
        String support = newUser("SUPPORT");
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < 46) {
                held.add(pool.getConnection());
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts(support))
                    .anySatisfy(alert -> {
                        assertThat(alert.path("name").asString()).isEqualTo("DatabaseConnectionExhausted");
                        assertThat(alert.path("state").asString()).isEqualTo("PENDING");
                        assertThat(alert.path("value").asDouble()).isGreaterThan(0.9);
                    }));
            assertThat(Http.json(http.get("/api/incidents", support)).valueStream()
                    .filter(i -> i.path("source").asString().startsWith("alert:DatabaseConnectionExhausted")).toList())
                    .as("pending opens nothing").isEmpty();

            alertClock.advance(Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Http.json(http.get("/api/incidents", support)).valueStream()
                    .filter(i -> i.path("source").asString().startsWith("alert:DatabaseConnectionExhausted")).toList()).hasSize(1));
            Thread.sleep(1000); // a few more evaluations while it fires
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
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts(support))
                .noneSatisfy(alert -> assertThat(alert.path("name").asString()).isEqualTo("DatabaseConnectionExhausted")));
        assertThat(http.get("/api/alerts", newUser("USER")).statusCode()).isEqualTo(403);
    }
}
