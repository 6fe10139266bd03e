package com.nexusai.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nexusai.server.support.Http;
import com.nexusai.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar nexusai-server.jar}, started and stopped as a user and an init system would. */
class ServerJarIT {

    private static final Duration START = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    /** Embedded mode on any free ports; {@code overrides} replace settings of the same name. */
    private String[] embeddedArgs(Path dataDir, String... overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("nexusai.data-dir", dataDir.toString());
        settings.put("server.port", "0");
        settings.put("logging.file.name", dataDir.resolve("logs/nexusai.log").toString());
        for (String port : List.of("postgres.port", "redis.port", "kafka.port", "kafka.controller-port", "s3.port")) {
            settings.put("nexusai.embedded." + port, "0");
        }
        for (String override : overrides) {
            String[] pair = override.replaceFirst("^--", "").split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** The server's children, and the postmaster, which pg_ctl detaches (found as the server finds it). */
    private static List<ProcessHandle> serverProcesses(ServerProcess server, Path dataDir) throws Exception {
        return java.util.stream.Stream.concat(server.descendants().stream(),
                ProcessHandle.of(ServerProcess.postmasterPid(dataDir)).stream()).toList();
    }

    private static String adminPassword(Path dataDir) throws Exception {
        return Files.readString(dataDir.resolve("secrets/admin-password")).strip();
    }

    @Test
    void oneCommandStartsEveryComponentAndSigtermStopsThemAll() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (ServerProcess server = ServerProcess.start(tmp.resolve("out.log"), null, embeddedArgs(dataDir))) {
            String url = server.awaitReady(START);
            String output = server.output();
            assertThat(output).containsPattern("PostgreSQL +15\\.\\d+ +ready at jdbc:postgresql://127\\.0\\.0\\.1:\\d+/nexusai in [\\d.]+ s")
                    .containsPattern("Redis +[\\d.]+ +ready at redis://127\\.0\\.0\\.1:\\d+ in [\\d.]+ s")
                    .containsPattern("Kafka +[\\d.]+ +ready at 127\\.0\\.0\\.1:\\d+ in [\\d.]+ s")
                    .containsPattern("S3 store +s3proxy [\\d.]+ +ready at http://127\\.0\\.0\\.1:\\d+ in [\\d.]+ s")
                    .contains("its password is in " + dataDir.resolve("secrets/admin-password"))
                    .containsPattern("NexusAI server ready at .* heap up to \\d+ MiB")
                    // a bare java -jar: the heap is the machine's quarter, and the server says how to cap it
                    .contains("The heap is bounded only by this machine's memory")
                    .doesNotContain("Exception");
            assertThat(url).startsWith("http://127.0.0.1:");
            Http http = new Http(url);
            assertThat(http.get("/actuator/health", http.accessToken("admin", adminPassword(dataDir))).statusCode()).isEqualTo(200);

            List<ProcessHandle> children = serverProcesses(server, dataDir);
            assertThat(children).extracting(p -> p.info().command().orElse(""))
                    .anyMatch(c -> c.contains("postgres")).anyMatch(c -> c.contains("redis-server")).anyMatch(c -> c.endsWith("java"));
            server.sigterm();
            assertThat(server.awaitExit(Duration.ofSeconds(90))).isIn(0, 143);
            assertThat(children).noneMatch(ServerProcess::running);
            assertThat(server.output()).contains("Embedded platform stopped");
        }
    }

    @Test
    void aRestartAfterSigkillStopsWhatWasLeftAndKeepsTheData() throws Exception {
        Path dataDir = tmp.resolve("data");
        List<ProcessHandle> leftBehind;
        try (ServerProcess first = ServerProcess.start(tmp.resolve("first.log"), null, embeddedArgs(dataDir))) {
            first.awaitReady(START);
            List<ProcessHandle> children = serverProcesses(first, dataDir);
            first.sigkill();
            first.awaitExit(Duration.ofSeconds(30));
            // the Kafka broker sees its parent die and stops by itself; PostgreSQL and Redis cannot
            await().atMost(Duration.ofSeconds(40)).until(() -> children.stream()
                    .filter(p -> p.info().command().orElse("").endsWith("java")).noneMatch(ServerProcess::running));
            leftBehind = children.stream().filter(ServerProcess::running).toList();
            assertThat(leftBehind).extracting(p -> p.info().command().orElse(""))
                    .anyMatch(c -> c.contains("postgres")).anyMatch(c -> c.contains("redis-server"));
        }
        String password = adminPassword(dataDir);
        try (ServerProcess second = ServerProcess.start(tmp.resolve("second.log"), null, embeddedArgs(dataDir))) {
            String url = second.awaitReady(START);
            assertThat(leftBehind).noneMatch(ServerProcess::running);
            assertThat(second.output()).contains("Stopping PostgreSQL", "Stopping Redis",
                    "left running by a NexusAI server that did not shut down");
            assertThat(second.output()).contains("Sign in as 'admin' with the password in");
            assertThat(adminPassword(dataDir)).isEqualTo(password);
            Http http = new Http(url);
            assertThat(http.get("/actuator/health", http.accessToken("admin", password)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void helpAndVersionPrintAndExitWithoutStartingAnything() throws Exception {
        Path dataDir = tmp.resolve("never-made");
        for (String command : new String[] {"--help", "--version"}) {
            Path out = tmp.resolve(command.substring(2) + ".log");
            try (ServerProcess server = ServerProcess.start(out, null, "--nexusai.data-dir=" + dataDir, command)) {
                assertThat(server.awaitExit(Duration.ofSeconds(30))).as(command).isZero();
                assertThat(server.output()).as(command + ": no log line, no start").doesNotContain(" INFO ", " WARN ", "Exception");
            }
        }
        assertThat(Files.readString(tmp.resolve("help.log"))).startsWith("Usage: java -jar nexusai-server.jar");
        assertThat(Files.readString(tmp.resolve("version.log"))).startsWith("NexusAI server 0.1.0");
        assertThat(dataDir).as("nothing started, nothing written").doesNotExist();
    }

    @Test
    void aTakenPortStopsTheStartWithAMessageNamingItAndNoStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ServerProcess server = ServerProcess.start(tmp.resolve("out.log"), null,
                        embeddedArgs(tmp.resolve("data"), "--nexusai.embedded.redis.port=" + taken.getLocalPort()))) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output())
                    .contains("Redis: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                    .contains("set nexusai.embedded.redis.port")
                    .doesNotContain("\tat com.nexusai");
            assertThat(server.descendants()).isEmpty();
        }
    }

    @Test
    void prodWithAShortJwtSecretStopsBeforeConnectingAnywhere() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", tmp.toString(), "JWT_SECRET", "too-short-a-secret"));
        for (String name : List.of("DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "REDIS_HOST", "REDIS_PASSWORD", "KAFKA_SERVERS",
                "MINIO_ENDPOINT", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "OLLAMA_URL")) {
            environment.put(name, "unused");
        }
        try (ServerProcess server = ServerProcess.start(tmp.resolve("out.log"), environment,
                "--spring.profiles.active=prod", "--logging.file.name=" + tmp.resolve("prod.log"))) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output()).contains("NexusAI cannot sign tokens safely", "is 18 bytes long", "at least 64",
                    "openssl rand -base64 64").doesNotContain("too-short-a-secret", "\tat com.nexusai");
        }
    }

    @Test
    void prodWithoutItsEnvironmentStopsNamingEveryMissingVariable() throws Exception {
        Map<String, String> bareEnvironment = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", tmp.toString());
        try (ServerProcess server = ServerProcess.start(tmp.resolve("out.log"), bareEnvironment,
                "--spring.profiles.active=prod", "--logging.file.name=" + tmp.resolve("prod.log"))) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output()).contains("these environment variables are not set")
                    .contains("DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "REDIS_HOST", "REDIS_PASSWORD", "KAFKA_SERVERS",
                            "JWT_SECRET", "MINIO_ENDPOINT", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "OLLAMA_URL")
                    .doesNotContain("DB_PORT", "\tat com.nexusai");
        }
    }
}
