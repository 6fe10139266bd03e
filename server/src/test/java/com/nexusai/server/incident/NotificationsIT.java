package com.nexusai.server.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.nexusai.core.testing.ManualClock;
import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The escalation procedure telling people (§6.3, §8), with a real SMTP server (GreenMail) and a real HTTP receiver: a
 * critical database incident at 03:00 Paris reaches only the round-the-clock on-call of level 1, by email and by its
 * webhook (which answers 500 once: the retry and both outcomes are in the timeline); nobody acknowledges it, it
 * escalates after the delay and level 2 is told; at 10:00 the office-hours DBA of level 2 is told too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nexusai.incidents.escalate-level1-after=15m", "nexusai.incidents.escalate-level2-after=30m",
        "nexusai.incidents.escalation-check=PT0.3S", "nexusai.incidents.notify-interval=PT0.3S", "nexusai.incidents.notify-retry-after=PT0.2S"})
class NotificationsIT extends EmbeddedServerTest {

    /** 03:00 in Paris (CET) on a Wednesday. */
    static final Instant NIGHT = Instant.parse("2026-12-02T02:00:00Z");
    static final String OPS = "6a1f0c2e-0000-4000-8000-000000000001";

    static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final HttpServer receiver;
    static final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    static final AtomicInteger webhookCalls = new AtomicInteger();

    static {
        smtp.start();
        try {
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        receiver.createContext("/hooks/ops", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int call = webhookCalls.incrementAndGet();
            int status = call == 1 ? 500 : 200; // the first call fails: the sender tries again
            if (status == 200) {
                webhookBodies.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopReceivers() {
        receiver.stop(0);
        smtp.stop();
    }

    @TestConfiguration
    static class Night {
        @Bean
        ManualClock incidentClock() {
            return new ManualClock(NIGHT);
        }
    }

    @Autowired
    ManualClock incidentClock;

    private static List<String> recipientsOf(String incidentId) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> body(m).contains(incidentId))
                .flatMap(m -> Arrays.stream(recipients(m))).toList();
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toArray(String[]::new);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> timeline(String id, String action) throws Exception {
        return Http.json(http.get("/api/incidents/" + id, admin)).path("timeline").valueStream()
                .filter(e -> e.path("action").asString().equals(action)).map(e -> e.path("detail").asString()).toList();
    }

    @Test
    void theNightOnCallIsToldThenLevelTwoAfterTheDelayAndTheDbaInOfficeHours() throws Exception {
        var ops = Http.json(http.get("/api/contacts", admin)).valueStream().filter(c -> c.path("id").asString().equals(OPS)).findFirst().orElseThrow();
        var withHook = Http.toJson(Map.of("role", ops.path("role").asString(), "email", "ops@nexusai.fr", "days", "MON-SUN", "startTime", "00:00",
                "endTime", "24:00", "levels", List.of(1, 2), "kinds", List.of("application", "database", "security", "infrastructure"),
                "webhookUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/ops"));
        assertThat(http.put("/api/admin/contacts/" + OPS, withHook, admin).statusCode()).isEqualTo(200);

        JsonNode opened = Http.json(http.post("/api/incidents", Http.toJson(Map.of("title", "Primary database refuses connections",
                "severity", "critical", "kind", "database")), admin));
        String id = opened.path("id").asString();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recipientsOf(id)).containsExactly("ops@nexusai.fr"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(webhookBodies).anySatisfy(body -> {
            JsonNode hook = Http.json(body);
            assertThat(hook.path("text").asString()).contains("CRITICAL level 1: Primary database refuses connections");
            assertThat(hook.path("incident").path("id").asString()).isEqualTo(id);
            assertThat(hook.path("contact").asString()).isEqualTo("Astreinte Ops");
        }));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(timeline(id, "notification-failed")).singleElement().asString().contains("webhook").contains("HTTP 500");
            assertThat(timeline(id, "notified")).hasSize(2).anySatisfy(d -> assertThat(d).contains("email (ops@nexusai.fr), level 1"))
                    .anySatisfy(d -> assertThat(d).contains("webhook"));
        });

        // nobody acknowledges: past the delay it climbs to level 2, whose round-the-clock contact is told; the DBA sleeps
        incidentClock.advance(Duration.ofMinutes(16));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(timeline(id, "notified"))
                .anySatisfy(d -> assertThat(d).contains("email (ops@nexusai.fr), level 2")));
        assertThat(Http.json(http.get("/api/incidents/" + id, admin)).path("incident").path("level").asInt()).isEqualTo(2);
        assertThat(recipientsOf(id)).as("the DBA works 9h-18h").containsOnly("ops@nexusai.fr").hasSize(2);

        // at 10:00 a database incident escalated by hand reaches the DBA too
        incidentClock.advance(Duration.between(NIGHT.plus(Duration.ofMinutes(16)), NIGHT.plus(Duration.ofHours(7))));
        String day = Http.json(http.post("/api/incidents", Http.toJson(Map.of("title", "Replica lag above 30 s", "severity", "warning",
                "kind", "database")), admin)).path("id").asString();
        assertThat(http.post("/api/incidents/" + day + "/escalate", Http.toJson(Map.of("text", "the replica keeps falling behind")), admin)
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recipientsOf(day))
                .containsExactlyInAnyOrder("ops@nexusai.fr", "ops@nexusai.fr", "dba@nexusai.fr"));
    }
}
