package com.nexusai.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.AlertsApi;
import com.nexusai.core.alerts.FleetAlert;
import com.nexusai.core.alerts.SharedSilence;
import com.nexusai.core.api.NexusClient;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.ProdServices;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The alerts as the fleet shares them: two instances (prod profile) against one PostgreSQL. A pool held above 90 % on
 * one instance is an alert both list; a silence set through one is seen through the other; it is acknowledged with a
 * comment; the other instance restarts and the alert, its acknowledgement, the silence and the history are still there.
 */
class AlertHistoryIT {

    @TempDir
    static Path servicesDir;

    static ProdServices services;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    private static final String[] SETTINGS = {"--nexusai.alerts.evaluation-interval=PT0.5S", "--spring.datasource.hikari.maximum-pool-size=50",
            "--nexusai.alerts.peer-silent-after=PT3S"};

    @BeforeAll
    static void startTwoInstances() {
        services = ProdServices.start(servicesDir);
        first = services.startServer(with("--nexusai.node-name=instance-1"));
        second = services.startServer(with("--nexusai.node-name=instance-2"));
    }

    private static String[] with(String node) {
        String[] all = java.util.Arrays.copyOf(SETTINGS, SETTINGS.length + 1);
        all[SETTINGS.length] = node;
        return all;
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {second, first}) {
            if (context != null) {
                context.close();
            }
        }
        services.close();
    }

    private static Http http(ConfigurableApplicationContext instance) {
        return new Http("http://127.0.0.1:" + ((WebServerApplicationContext) instance).getWebServer().getPort());
    }

    private static String user(Http http, String role) throws Exception {
        String admin = http.accessToken("admin", services.adminPassword());
        String name = role.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/admin/users", Http.toJson(Map.of("username", name, "password", "alerts-pw-123", "roles", List.of(role))),
                admin).statusCode()).isEqualTo(201);
        return http.accessToken(name, "alerts-pw-123");
    }

    private static JsonNode poolAlert(Http http, String token) throws Exception {
        return Http.json(http.get("/api/alerts", token)).valueStream()
                .filter(alert -> alert.path("name").asString().equals("DatabaseConnectionExhausted")
                        && alert.path("labels").path("instance").asString().equals("instance-2"))
                .findFirst().orElse(null);
    }

    @Test
    void aSilenceSetThroughOneInstanceIsSeenThroughTheOtherAndEverythingOutlivesARestart() throws Exception {
        Http one = http(first);
        Http two = http(second);
        String support = user(one, "SUPPORT");
        String devops = user(two, "DEVOPS");
        List<Connection> held = new ArrayList<>();
        HikariDataSource pool = second.getBean(HikariDataSource.class);
        try {
            while (held.size() < 46) {
                held.add(pool.getConnection());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> poolAlert(one, support) != null);
            JsonNode alert = poolAlert(one, support);
            assertThat(alert.path("state").asString()).isEqualTo("PENDING");
            assertThat(alert.path("value").asDouble()).isGreaterThan(0.9);
            assertThat(alert.path("silenced").isNull()).isTrue();
            String id = alert.path("id").asString();
            assertThat(poolAlert(two, devops).path("id").asString()).as("both instances list the same alert").isEqualTo(id);

            // silenced through instance 2, seen through instance 1
            String until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString();
            var silence = two.post("/api/alerts/silences", Http.toJson(Map.of("matchers",
                    Map.of("rule", "DatabaseConnectionExhausted", "instance", "instance-2"), "until", until, "reason", "load test of the pool")), devops);
            assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);
            String silenceId = Http.json(silence).path("id").asString();
            assertThat(silence.headers().firstValue("Location")).hasValue("/api/alerts/silences/" + silenceId);
            JsonNode silenced = poolAlert(one, support).path("silenced");
            assertThat(silenced.path("kind").asString()).isEqualTo("silence");
            assertThat(silenced.path("reason").asString()).isEqualTo("load test of the pool");
            assertThat(silenced.path("by").asString()).startsWith("devops-");
            assertThat(silenced.path("until").asString()).isEqualTo(until);

            var acknowledged = one.post("/api/alerts/" + id + "/acknowledge", Http.toJson(Map.of("comment", "I hold the pool on purpose")), support);
            assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
            assertThat(Http.json(acknowledged).path("acknowledged").path("by").asString()).startsWith("support-");

            // the console's typed client reads the same
            AlertsApi typed = AlertsApi.over(admin(first));
            FleetAlert seen = typed.fleet().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
            assertThat(seen.alert().name()).isEqualTo("DatabaseConnectionExhausted");
            assertThat(seen.alert().state()).isEqualTo(AlertEngine.State.PENDING);
            assertThat(seen.silenced().id()).isEqualTo(silenceId);
            assertThat(seen.silenced().until()).isEqualTo(Instant.parse(until));
            assertThat(seen.acknowledged().comment()).isEqualTo("I hold the pool on purpose");
            assertThat(typed.history(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(1), "DatabaseConnectionExhausted", null))
                    .anySatisfy(t -> {
                        assertThat(t.alertId()).isEqualTo(id);
                        assertThat(t.state()).isEqualTo("pending");
                        assertThat(t.labels()).containsEntry("instance", "instance-2");
                    });

            // instance 1 restarts; instance 2 still holds its pool
            first.close();
            first = services.startServer(with("--nexusai.node-name=instance-1"));
            Http restarted = http(first);
            String again = restarted.accessToken("admin", services.adminPassword());
            JsonNode after = poolAlert(restarted, again);
            assertThat(after.path("id").asString()).isEqualTo(id);
            assertThat(after.path("acknowledged").path("comment").asString()).isEqualTo("I hold the pool on purpose");
            assertThat(after.path("silenced").path("id").asString()).isEqualTo(silenceId);
            assertThat(Http.json(restarted.get("/api/alerts/silences", again)).valueStream().map(s -> s.path("id").asString()))
                    .contains(silenceId);
            assertThat(Http.json(restarted.get("/api/alerts/history?rule=DatabaseConnectionExhausted&instance=instance-2", again))
                    .valueStream().map(t -> t.path("state").asString() + "@" + t.path("episodeId").asString())).contains("pending@" + id);

            // lifted through the restarted instance: no longer silenced anywhere
            assertThat(restarted.send(restarted.request("/api/alerts/silences/" + silenceId, again).DELETE()).statusCode()).isEqualTo(204);
            assertThat(poolAlert(two, devops).path("silenced").isNull()).isTrue();
            assertThat(two.send(two.request("/api/alerts/silences/" + silenceId, devops).DELETE()).statusCode()).as("lifted already")
                    .isEqualTo(404);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> poolAlert(one(), support) == null);
        List<String> states = Http.json(one().get("/api/alerts/history?rule=DatabaseConnectionExhausted&instance=instance-2", support))
                .valueStream().map(t -> t.path("state").asString()).toList();
        assertThat(states).as("newest first").startsWith("resolved").contains("pending");
    }

    private static JsonNode down(Http http, String token, String instance) throws Exception {
        return Http.json(http.get("/api/alerts", token)).valueStream()
                .filter(alert -> alert.path("name").asString().equals("InstanceDown") && alert.path("labels").path("instance").asString().equals(instance))
                .findFirst().orElse(null);
    }

    @Test
    void anInstanceWhoseEngineFellSilentIsReportedDownOnceAndACleanStopIsNot() throws Exception {
        org.springframework.jdbc.core.simple.JdbcClient jdbc = first.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        Http one = http(first);
        String support = user(one, "SUPPORT");
        // a third instance that crashed: its engine's last word, ten seconds ago, stays
        jdbc.sql("insert into alert_evaluators (node, evaluated_at) values ('instance-3', now() - interval '10 seconds')").update();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> down(one, support, "instance-3") != null);
            JsonNode alert = down(one, support, "instance-3");
            assertThat(alert.path("state").asString()).isEqualTo("PENDING");
            assertThat(alert.path("severity").asString()).isEqualTo("critical");
            assertThat(alert.path("value").asDouble()).isZero();
            assertThat(Http.json(one.get("/api/alerts", support)).valueStream().filter(a -> a.path("name").asString().equals("InstanceDown")))
                    .as("one alert, raised by one instance, and none for the two that run").hasSize(1);

            // it runs again (its clock a little ahead, so that it stays live for the rest of the test)
            jdbc.sql("update alert_evaluators set evaluated_at = now() + interval '1 hour' where node = 'instance-3'").update();
            await().atMost(Duration.ofSeconds(30)).until(() -> down(one, support, "instance-3") == null);
            assertThat(Http.json(one.get("/api/alerts/history?rule=InstanceDown&instance=instance-3", support)).valueStream()
                    .map(t -> t.path("state").asString())).as("newest first").containsExactly("resolved", "pending");
        } finally {
            jdbc.sql("delete from alert_evaluators where node = 'instance-3'").update();
        }

        // a clean stop strikes the instance off: a rolling update raises nothing
        second.close();
        try {
            assertThat(jdbc.sql("select count(*) from alert_evaluators where node = 'instance-2'").query(Long.class).single()).isZero();
        } finally {
            second = services.startServer(with("--nexusai.node-name=instance-2"));
        }
        assertThat(down(one, support, "instance-2")).isNull();
    }

    @Test
    void theConsolesTypedClientSetsListsAndLiftsASharedSilence() throws Exception {
        AlertsApi typed = AlertsApi.over(admin(first));
        Instant until = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        SharedSilence set = typed.silence("HighLatency", null, until, "deploying app1");
        assertThat(set.rule()).isEqualTo("HighLatency");
        assertThat(set.instance()).as("every instance").isNull();
        assertThat(set.until()).isEqualTo(until);
        assertThat(set.createdBy()).isEqualTo("admin");
        assertThat(AlertsApi.over(admin(second)).silences()).as("seen through the other instance").contains(set);
        typed.lift(set.id());
        assertThat(typed.silences()).doesNotContain(set);
        assertThatThrownBy(() -> typed.silence("HighLatency", null, until, " ")).isInstanceOfSatisfying(NexusClient.ApiException.class,
                refused -> assertThat(refused.getMessage()).contains("reason"));
    }

    private static NexusClient admin(ConfigurableApplicationContext instance) throws Exception {
        NexusClient client = new NexusClient(java.net.URI.create(http(instance).base()), java.time.Clock.systemUTC());
        client.login("admin", services.adminPassword());
        return client;
    }

    private static Http one() {
        return http(first);
    }

    @Test
    void badSilencesAndHistoryQueriesAreRefusedNamingTheField() throws Exception {
        Http one = http(first);
        String support = user(one, "SUPPORT");
        String soon = Instant.now().plus(Duration.ofHours(1)).toString();
        assertThat(detail(one.post("/api/alerts/silences", Http.toJson(Map.of("matchers", Map.of("rule", "no such rule"), "until", soon,
                "reason", "x")), support))).startsWith("matchers.rule: the alert rule's name");
        assertThat(detail(one.post("/api/alerts/silences", Http.toJson(Map.of("matchers", Map.of("rule", "HighLatency"),
                "until", Instant.now().plus(Duration.ofDays(8)).toString(), "reason", "x")), support))).startsWith("until:");
        assertThat(detail(one.post("/api/alerts/silences", Http.toJson(Map.of("matchers", Map.of("rule", "HighLatency"), "until", soon,
                "reason", " ")), support))).startsWith("reason:");
        assertThat(detail(one.post("/api/alerts/silences", Http.toJson(Map.of("matchers", Map.of("rule", "HighLatency"), "until", "tomorrow",
                "reason", "x")), support))).startsWith("until:");
        assertThat(detail(one.get("/api/alerts/history?since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z", support))).startsWith("until:");
        assertThat(detail(one.get("/api/alerts/history?since=yesterday", support))).startsWith("since:");
        assertThat(detail(one.post("/api/alerts/" + UUID.randomUUID() + "/acknowledge", Http.toJson(Map.of("comment", " ")), support)))
                .startsWith("comment:");
        assertThat(one.post("/api/alerts/" + UUID.randomUUID() + "/acknowledge", Http.toJson(Map.of("comment", "on it")), support).statusCode())
                .isEqualTo(404);
        assertThat(one.get("/api/alerts/silences", user(one, "USER")).statusCode()).isEqualTo(403);
    }

    private static String detail(java.net.http.HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        return Http.json(answer).path("detail").asString();
    }
}
