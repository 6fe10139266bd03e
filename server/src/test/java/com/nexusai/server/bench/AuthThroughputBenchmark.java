package com.nexusai.server.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nexusai.server.support.Http;
import com.nexusai.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What token checks cost, for BENCHMARKS.md: {@code ./mvnw -B -Pbenchmark -pl server -am verify}
 * (needs {@code wrk}: {@code apt-get install wrk}). The same endpoint, {@code /actuator/health/liveness}
 * (public, no I/O behind it), is loaded anonymously and with a bearer token, which the server then
 * verifies (signature once per token, then expiry and revocation per request). The server is pinned to
 * one core and wrk to the other ({@code taskset}), so that the figure is the server's own cost.
 * Writes {@code server/target/benchmarks/auth.md}.
 */
class AuthThroughputBenchmark {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final int ROUNDS = 3;

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            throw new AssertionError("This benchmark needs wrk: apt-get install wrk");
        }
        int port = freePort();
        Path dataDir = tmp.resolve("data");
        try (ServerProcess server = ServerProcess.startEmbedded(tmp.resolve("server.log"), dataDir, port)) {
            String url = server.awaitReady(Duration.ofMinutes(3));
            Http http = new Http(url);
            String password = Files.readString(dataDir.resolve("secrets/admin-password")).strip();
            String token = http.accessToken("admin", password);
            String target = url + "/actuator/health/liveness";
            if (http.get("/actuator/health/liveness", token).statusCode() != 200) {
                throw new AssertionError("the token is not accepted");
            }
            // the server on core 0, wrk on core 1: each measures alone what it costs
            run("taskset", "-a", "-p", "-c", "0", Long.toString(server.pid()));

            wrk(target, null, "30s");
            wrk(target, token, "30s");
            List<Double> open = new ArrayList<>();
            List<Double> authenticated = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                open.add(wrk(target, null, "10s"));
                authenticated.add(wrk(target, token, "10s"));
            }

            List<Double> logins = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                long started = System.nanoTime();
                http.login("admin", password);
                logins.add((System.nanoTime() - started) / 1e6);
            }

            double openMean = mean(open);
            double authMean = mean(authenticated);
            String report = String.join("\n",
                    "# Token checks, measured",
                    "",
                    "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                            + "; the server JVM pinned to core 0, wrk -t1 -c32 pinned to core 1; 10 s per run, " + ROUNDS
                            + " runs each, alternated, after 30 s of warm-up each.",
                    "",
                    "| GET /actuator/health/liveness | requests/s, runs | mean |",
                    "|---|---|---|",
                    "| anonymous | " + join(open) + " | " + f(openMean) + " |",
                    "| with a bearer token (verified) | " + join(authenticated) + " | " + f(authMean) + " |",
                    "",
                    "Authenticated / anonymous: " + String.format(Locale.ROOT, "%.1f %%", 100 * authMean / openMean)
                            + " (goal: at least 90 %).",
                    "",
                    "Login (`POST /api/auth/login`, bcrypt strength 10, one client, 30 in a row): median "
                            + f(percentile(logins, 50)) + " ms, p95 " + f(percentile(logins, 95)) + " ms.",
                    "");
            Path out = Path.of("target", "benchmarks", "auth.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.out.println(report);
        }
    }

    private static double wrk(String url, String token, String duration) throws Exception {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", "1", "/usr/bin/wrk", "-t1", "-c32", "-d" + duration, "--latency"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        if (output.contains("Non-2xx")) {
            throw new AssertionError("some requests failed:\n" + output);
        }
        Matcher matcher = RPS.matcher(output);
        if (!matcher.find()) {
            throw new AssertionError("no rate in wrk's output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static String join(List<Double> values) {
        return String.join(", ", values.stream().map(AuthThroughputBenchmark::f).toList());
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

}
