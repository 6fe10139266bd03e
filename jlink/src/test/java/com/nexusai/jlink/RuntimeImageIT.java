package com.nexusai.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.CompletableFuture;
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
    void runsTheServerOnItsOwnJava(@TempDir Path tmp) throws Exception {
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
        builder.environment().put("PATH", bin.toAbsolutePath().toString());
        Process server = builder.start();
        try {
            URI base = awaitReady(server);
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
        } finally {
            List<ProcessHandle> children = server.descendants().toList();
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static URI awaitReady(Process server) throws Exception {
        List<String> recent = new ArrayList<>();
        // not closed on success: the drain thread goes on reading the server's output
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (recent) {
                        recent.add(line);
                    }
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        Thread.ofVirtual().start(() -> drain(lines));
                        return URI.create(matcher.group(1));
                    }
                }
                throw new IllegalStateException("the server stopped before it was ready");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return ready.get(3, TimeUnit.MINUTES);
        } catch (Exception e) {
            synchronized (recent) {
                throw new AssertionError("no readiness line; the server said:\n" + String.join("\n", recent.subList(Math.max(0, recent.size() - 40), recent.size())), e);
            }
        }
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // keep the pipe empty
            }
        } catch (IOException e) {
            // stopped
        }
    }
}
