package com.nexusai.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.AlertRules;
import com.nexusai.core.api.NexusClient;
import com.nexusai.desktop.platform.Polling;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A console given its own rules ({@code --rules}) polling a server over HTTP (a JDK server in the test, answering as
 * ours does): an instance that stops answering its scrape is {@code InstanceDown} there, as Prometheus's {@code up == 0}
 * says it, and answering again resolves it.
 */
class MonitorTest {

    private HttpServer server;
    private volatile boolean answering = true;
    private Monitor monitor;
    private final BlockingQueue<Monitor.State> states = new LinkedBlockingQueue<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"admin\",\"roles\":[\"ADMIN\"]}".getBytes(StandardCharsets.UTF_8));
        server.createContext("/api/auth/login", exchange -> answer(exchange, 200, "application/json",
                "{\"accessToken\":\"h." + payload + ".s\",\"refreshToken\":\"r\",\"expiresIn\":86400}"));
        server.createContext("/actuator/prometheus", exchange -> {
            if (answering) {
                answer(exchange, 200, "text/plain", "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 100\n");
            } else {
                answer(exchange, 503, "application/problem+json", "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"stopping\"}");
            }
        });
        server.createContext("/api/admin/backups", exchange -> answer(exchange, 200, "application/json", "[]"));
        server.createContext("/api/alerts/silences", exchange -> answer(exchange, 200, "application/json", "[]"));
        server.createContext("/api/metrics/history", exchange -> answer(exchange, 404, "application/problem+json",
                "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"an older server\"}"));
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        server.stop(0);
    }

    private Monitor.State next() throws InterruptedException {
        Monitor.State state = states.poll(20, TimeUnit.SECONDS);
        assertThat(state).as("a scrape within 20 s").isNotNull();
        return state;
    }

    private static boolean down(Monitor.State state) {
        return state.alerts().stream().anyMatch(alert -> alert.name().equals("InstanceDown"));
    }

    @Test
    void anInstanceThatStopsAnsweringIsDownForTheConsolesOwnRulesUntilItAnswersAgain() throws Exception {
        NexusClient client = new NexusClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Clock.systemUTC());
        client.login("admin", "password");
        monitor = new Monitor(client, Duration.ofSeconds(1), Clock.systemUTC(), AlertRules.shipped(), Polling.newPoller("monitor-test"));
        monitor.onChange(() -> states.add(monitor.state()));
        monitor.start();

        Monitor.State answered = next();
        assertThat(answered.latest()).isNotNull();
        assertThat(down(answered)).isFalse();
        assertThat(answered.history().error()).as("an older server without history: the live scrapes only").contains("an older server");

        answering = false;
        Monitor.State failed = next();
        while (!failed.stale()) {
            failed = next();
        }
        AlertEngine.Alert instanceDown = failed.alerts().stream().filter(alert -> alert.name().equals("InstanceDown")).findFirst().orElseThrow();
        assertThat(instanceDown.state()).isEqualTo(AlertEngine.State.PENDING);
        assertThat(instanceDown.labels()).containsEntry("instance", "127.0.0.1:" + server.getAddress().getPort());
        assertThat(instanceDown.value()).isZero();
        assertThat(instanceDown.activeSince()).isBefore(Instant.now().plusSeconds(1));

        answering = true;
        Monitor.State back = next();
        while (back.stale()) {
            back = next();
        }
        assertThat(down(back)).as("answering again resolves it").isFalse();
    }
}
