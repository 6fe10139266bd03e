package com.nexusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL, then Redis, paused as a hung server would be (SIGSTOP on every one of its processes):
 * health says which is DOWN within 3 s, a request that needs it answers a 503 problem naming it within
 * 5 s, a request that does not keeps answering, and all is well again within 2 s of the resume.
 */
class StalledDependenciesIT extends EmbeddedServerTest {

    private static final Duration HEALTH_LIMIT = Duration.ofSeconds(3);
    private static final Duration REFUSAL_LIMIT = Duration.ofSeconds(5);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(2);

    @Test
    void aStalledPostgresqlIsReportedAndRefusedInSecondsAndTheRestKeepsWorking() throws Exception {
        assertThat(http.get("/api/incidents", admin).statusCode()).isEqualTo(200);
        List<ProcessHandle> postgres = processes("/bin/postgres");
        assertThat(postgres).as("the embedded PostgreSQL's processes").isNotEmpty();
        pause(postgres);
        try {
            Timed<JsonNode> health = timed(() -> Http.json(http.get("/actuator/health", admin)));
            assertThat(health.took()).isLessThan(HEALTH_LIMIT);
            assertThat(health.value().path("components").path("db").path("status").asString()).isEqualTo("DOWN");
            assertThat(health.value().path("components").path("db").path("details").path("error").asString()).contains("no answer in");

            Timed<HttpResponse<String>> refused = timed(() -> http.get("/api/incidents", admin));
            assertThat(refused.took()).isLessThan(REFUSAL_LIMIT);
            assertThat(refused.value().statusCode()).isEqualTo(503);
            assertThat(refused.value().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(Http.json(refused.value()).path("detail").asString()).contains("PostgreSQL");

            Timed<HttpResponse<String>> unaffected = timed(() -> http.get("/api/maintenance/windows", admin));
            assertThat(unaffected.value().statusCode()).as("what needs no database").isEqualTo(200);
            assertThat(unaffected.took()).isLessThan(Duration.ofSeconds(1));
        } finally {
            resume(postgres);
        }
        assertRecovers("/api/incidents");
    }

    @Test
    void aStalledRedisIsReportedAndRefusedInSecondsAndTheRestKeepsWorking() throws Exception {
        List<ProcessHandle> redis = processes("/redis-server");
        assertThat(redis).as("the embedded Redis").hasSize(1);
        pause(redis);
        try {
            Timed<JsonNode> health = timed(() -> Http.json(http.get("/actuator/health", admin)));
            assertThat(health.took()).isLessThan(HEALTH_LIMIT);
            assertThat(health.value().path("components").path("redis").path("status").asString()).isEqualTo("DOWN");

            Timed<HttpResponse<String>> refused = timed(() -> http.post("/api/auth/login",
                    Http.toJson(Map.of("username", "admin", "password", "not-the-password")), null));
            assertThat(refused.took()).isLessThan(REFUSAL_LIMIT);
            assertThat(refused.value().statusCode()).as(refused.value().body()).isEqualTo(503);
            assertThat(Http.json(refused.value()).path("detail").asString()).contains("Redis");

            Timed<HttpResponse<String>> unaffected = timed(() -> http.get("/api/incidents", admin));
            assertThat(unaffected.value().statusCode()).as("a signed-in request that needs only PostgreSQL").isEqualTo(200);
            assertThat(unaffected.took()).isLessThan(Duration.ofSeconds(1));
        } finally {
            resume(redis);
        }
        assertRecovers("/api/users/me");
        long started = System.nanoTime();
        HttpResponse<String> login;
        do {
            login = http.post("/api/auth/login", Http.toJson(Map.of("username", "admin", "password", "not-the-password")), null);
        } while (login.statusCode() == 503 && Duration.ofNanos(System.nanoTime() - started).compareTo(RECOVERY_LIMIT) < 0);
        assertThat(login.statusCode()).as("sign-in checks the password again once Redis is back").isEqualTo(401);
    }

    private void assertRecovers(String path) throws Exception {
        long started = System.nanoTime();
        int status;
        do {
            status = http.get(path, admin).statusCode();
        } while (status != 200 && Duration.ofNanos(System.nanoTime() - started).compareTo(RECOVERY_LIMIT) < 0);
        assertThat(status).as(path + " within " + RECOVERY_LIMIT.toSeconds() + " s of the resume").isEqualTo(200);
        assertThat(Http.json(http.get("/actuator/health", admin)).path("status").asString()).isEqualTo("UP");
    }

    /** The processes of the embedded server whose executable, under this test's data directory, has {@code name} in its path. */
    private List<ProcessHandle> processes(String name) {
        String root = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().filter(process -> process.info().command()
                .filter(command -> command.startsWith(root) && command.contains(name)).isPresent()).toList();
    }

    private static void pause(List<ProcessHandle> processes) throws IOException, InterruptedException {
        signal("-STOP", processes);
    }

    private static void resume(List<ProcessHandle> processes) throws IOException, InterruptedException {
        signal("-CONT", processes);
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(kill.waitFor()).as(new String(kill.getInputStream().readAllBytes())).isZero();
    }

    private record Timed<T>(T value, Duration took) {
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> Timed<T> timed(Call<T> call) throws Exception {
        long started = System.nanoTime();
        T value = call.run();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - started));
    }
}
