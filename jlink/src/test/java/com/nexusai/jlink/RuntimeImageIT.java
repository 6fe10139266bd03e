package com.nexusai.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime image as an admin gets it: its modules, and the server started from it with its own Java. */
class RuntimeImageIT {

    private static final Path IMAGE = Path.of(System.getProperty("nexusai.image", "target/image")).toAbsolutePath();
    private static final Pattern READY = Pattern.compile("NexusAI server ready at (http://\\S+)");

    @Test
    void holdsTheConsoleTheServerAndNoDevelopmentTools() throws Exception {
        Process list = new ProcessBuilder(IMAGE.resolve("bin/java").toString(), "--list-modules").redirectErrorStream(true).start();
        List<String> modules = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(line -> line.replaceAll("@.*", "")).toList();
        assertThat(list.waitFor()).isZero();
        assertThat(modules).contains("com.nexusai.desktop", "com.nexusai.core", "javafx.controls", "atlantafx.base", "info.picocli",
                "org.controlsfx.controls", "java.sql", "java.management", "jdk.management", "jdk.unsupported", "jdk.localedata",
                "jdk.httpserver");
        assertThat(modules).doesNotContain("jdk.compiler", "jdk.jlink", "jdk.jshell", "jdk.jpackage");
        assertThat(IMAGE.resolve("server/nexusai-server.jar")).isRegularFile();
        assertThat(IMAGE.resolve("bin/nexusai-console")).isExecutable();
        assertThat(IMAGE.resolve("bin/nexusai-server")).isExecutable();
    }

    /** {@code --help} and {@code --version} print and exit 0 with no display at all (a server without X, a terminal over ssh). */
    @Test
    void theConsolesHelpAndVersionNeedNoDisplay() throws Exception {
        for (String option : List.of("--help", "--version")) {
            ProcessBuilder builder = new ProcessBuilder(IMAGE.resolve("bin/nexusai-console").toString(), option).redirectErrorStream(true);
            builder.environment().remove("DISPLAY");
            builder.environment().remove("WAYLAND_DISPLAY");
            Process console = builder.start();
            String output = new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(console.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(option).isTrue();
            assertThat(console.exitValue()).as(option + "\n" + output).isZero();
            if (option.equals("--help")) {
                assertThat(output).startsWith("Usage: nexusai-console").contains("--url=URL[,URL...]").contains("--local").contains("--lang=fr|en");
            } else {
                assertThat(output).matches("(?s)nexusai-console \\d+\\.\\d+\\.\\d+.*Java 25.*JavaFX \\d+.*");
            }
        }
    }

    @Test
    void runsTheServerOnItsOwnJavaExtractedWithTheAotCacheItsFirstRunTrained(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        String first = runServer(tmp, cache);
        Path extracted;
        try (var extractions = Files.list(cache.resolve("nexusai"))) {
            extracted = extractions.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(first).contains("training the AOT cache " + extracted.resolve("nexusai-server.aot"));
        assertThat(extracted.resolve("nexusai-server.aot")).as("written when the training run stopped").isNotEmptyFile();
        try (var brokerCaches = Files.list(tmp.resolve("data/aot"))) {
            assertThat(brokerCaches.toList()).as("the Kafka broker's JVM trained its own cache")
                    .singleElement().satisfies(aot -> assertThat(aot.getFileName().toString()).startsWith("kafka-broker-").endsWith(".aot"))
                    .satisfies(aot -> assertThat(aot).isNotEmptyFile());
        }

        String second = runServer(tmp, cache);
        assertThat(second).contains(", AOT cache " + extracted.resolve("nexusai-server.aot"));
    }

    /** Starts the image's server on its own Java, checks it answers, stops it; its readiness line. */
    private static String runServer(Path tmp, Path cache) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(IMAGE.resolve("bin/nexusai-server").toString(), "--nexusai.data-dir=" + tmp.resolve("data"),
                "--server.port=" + port, "--nexusai.embedded.postgres.port=0", "--nexusai.embedded.redis.port=0",
                "--nexusai.embedded.kafka.port=0", "--nexusai.embedded.kafka.controller-port=0", "--nexusai.embedded.s3.port=0")
                .redirectErrorStream(true);
        // no Java of the machine's: no JAVA_HOME, and the system's programs on the PATH but none from a JDK
        // (links kept out of the temporary directory, whose clean-up complains about each one)
        Path bin = Files.createDirectories(Path.of("target/path-without-java"));
        try (var programs = Files.list(Path.of("/usr/bin"))) {
            for (Path program : programs.toList()) {
                Path link = bin.resolve(program.getFileName());
                if (!program.toRealPath().startsWith("/usr/lib/jvm") && !program.getFileName().toString().startsWith("java")
                        && Files.notExists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, program);
                }
            }
        }
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().put("PATH", bin.toAbsolutePath().toString());
        Path log = tmp.resolve("server-" + System.nanoTime() + ".log");
        Process server = builder.redirectOutput(log.toFile()).start();
        try {
            String readyLine = awaitReady(server, log);
            Matcher address = READY.matcher(readyLine);
            assertThat(address.find()).isTrue();
            URI base = URI.create(address.group(1));
            assertThat(server.info().command()).hasValue(IMAGE.resolve("bin/java").toString());
            assertThat(server.descendants().map(child -> child.info().command().orElse("")).toList())
                    .as("the Kafka broker's JVM is the image's too").contains(IMAGE.resolve("bin/java").toString());

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");

            String password = Files.readString(tmp.resolve("data/secrets/admin-password")).strip();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
            assertThat(token.find()).isTrue();
            HttpResponse<String> threads = http.send(HttpRequest.newBuilder(base.resolve("/api/diagnostics/threads"))
                    .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(threads.statusCode()).isEqualTo(200);
            assertThat(threads.body()).contains("main");
            return readyLine;
        } finally {
            List<ProcessHandle> children = server.descendants().toList();
            server.destroy();
            // a training run writes its AOT cache as it stops: half a minute on 2 cores
            assertThat(server.waitFor(150, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The server's readiness line, once it wrote it to {@code log}. */
    private static String awaitReady(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && server.isAlive()) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (READY.matcher(line).find()) {
                    return line;
                }
            }
            server.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no readiness line; the server said:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
