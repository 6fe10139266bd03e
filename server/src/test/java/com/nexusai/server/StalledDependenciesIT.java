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
        Traffic traffic = Traffic.start(http, admin, "/api/incidents", "/api/maintenance/windows");
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
            traffic.during(Duration.ofSeconds(6));
        } finally {
            resume(postgres);
        }
        assertRecovers("/api/incidents");
        Traffic.Report report = traffic.stop();
        assertThat(report.slowest("/api/incidents")).as("the slowest answer of a request needing PostgreSQL").isLessThan(REFUSAL_LIMIT);
        assertThat(report.statuses("/api/incidents")).as("while paused: 503, and 200 before and after").containsOnly(200, 503).contains(503);
        assertThat(report.statuses("/api/maintenance/windows")).as("what needs no database, all along").containsOnly(200);
    }

    @Test
    void aStalledRedisIsReportedAndRefusedInSecondsAndTheRestKeepsWorking() throws Exception {
        List<ProcessHandle> redis = processes("/redis-server");
        assertThat(redis).as("the embedded Redis").hasSize(1);
        Traffic traffic = Traffic.start(http, admin, "/api/incidents");
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
            traffic.during(Duration.ofSeconds(6));
        } finally {
            resume(redis);
        }
        assertThat(traffic.stop().statuses("/api/incidents")).as("signed-in requests needing PostgreSQL only, all along").containsOnly(200);
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

    /** Requests in a loop on another thread, each path in turn, until stopped: what each answered and how long it took. */
    private static final class Traffic {

        record Answer(String path, int status, Duration took) {
        }

        record Report(List<Answer> answers) {
            Duration slowest(String path) {
                return answers.stream().filter(a -> a.path().equals(path)).map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO);
            }

            java.util.Set<Integer> statuses(String path) {
                return answers.stream().filter(a -> a.path().equals(path)).map(Answer::status).collect(java.util.stream.Collectors.toSet());
            }
        }

        private final java.util.concurrent.ConcurrentLinkedQueue<Answer> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        private Thread thread;

        static Traffic start(Http http, String token, String... paths) {
            Traffic traffic = new Traffic();
            traffic.thread = Thread.ofPlatform().name("traffic").start(() -> {
                while (traffic.running.get()) {
                    for (String path : paths) {
                        long started = System.nanoTime();
                        int status;
                        try {
                            status = http.get(path, token).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        traffic.answers.add(new Answer(path, status, Duration.ofNanos(System.nanoTime() - started)));
                    }
                }
            });
            return traffic;
        }

        /** Lets the traffic run for {@code duration}, i.e. waits, so that the stall lasts under load. */
        void during(Duration duration) throws InterruptedException {
            thread.join(duration.toMillis());
        }

        Report stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return new Report(List.copyOf(answers));
        }
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
