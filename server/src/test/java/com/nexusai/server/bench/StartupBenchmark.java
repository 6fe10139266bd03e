package com.nexusai.server.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.EmbeddedServer;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.Secrets;
import com.nexusai.server.platform.kafka.EmbeddedKafkaBroker;
import com.nexusai.embedded.kafka.KafkaBrokerMain;
import com.nexusai.server.platform.postgres.EmbeddedPostgresServer;
import com.nexusai.server.platform.redis.EmbeddedRedisServer;
import com.nexusai.server.platform.s3.EmbeddedS3Server;
import com.nexusai.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Start-up figures for BENCHMARKS.md: {@code ./mvnw -B -Pbenchmark -pl server -am verify}. Writes
 * {@code server/target/benchmarks/startup.md}. Not a test: it asserts nothing about speed.
 */
class StartupBenchmark {

    private static final int WARM_RUNS = 3;
    private static final Duration START = Duration.ofMinutes(3);

    @TempDir
    Path tmp;

    private final StringBuilder report = new StringBuilder();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void measure() throws Exception {
        line("# Start-up of the NexusAI server, measured");
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Math.round(osTotalMemoryGiB()) + " GiB, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", Java " + System.getProperty("java.version") + ". Median of " + WARM_RUNS + " warm runs; cold = fresh data directory.");
        line("");

        line("## Each component alone");
        line("");
        line("| component | cold (s) | warm, median (s) |");
        line("|---|---|---|");
        double slowest = 0;
        for (String name : List.of("PostgreSQL", "Redis", "Kafka", "S3 store")) {
            Path dir = tmp.resolve("alone-" + name.replace(' ', '-'));
            double cold = startAlone(name, dir);
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < WARM_RUNS; i++) {
                warm.add(startAlone(name, dir));
            }
            double median = median(warm);
            slowest = Math.max(slowest, median);
            line("| " + name + " | " + f(cold) + " | " + f(median) + " |");
        }
        line("");
        line("PostgreSQL, Redis and the S3 store are timed from this benchmark's JVM; Kafka is timed as the server runs it, "
                + "a child JVM started from the packaged jar (`java -jar nexusai-server.jar internal-kafka-broker`), to READY.");
        line("");

        List<Double> context = new ArrayList<>();
        try (EmbeddedPlatform services = EmbeddedPlatform.start(settings(tmp.resolve("services")), 0)) {
            services.awaitAll();
            for (int i = 0; i < WARM_RUNS; i++) {
                context.add(prodServerToHealthy(services, i));
            }
        }
        double contextMedian = median(context);
        line("## The Spring application alone");
        line("");
        line("`java -jar nexusai-server.jar --spring.profiles.active=prod` against services already running, to `/actuator/health` UP: "
                + "median " + f(contextMedian) + " s (runs: " + String.join(", ", context.stream().map(StartupBenchmark::f).toList()) + ").");
        line("");

        line("## The whole server in embedded mode");
        line("");
        line("`java -jar nexusai-server.jar` to `/actuator/health` answering UP; RSS read from /proc once healthy.");
        line("");
        line("| run | to health UP (s) | PostgreSQL | Redis | Kafka | S3 store | server JVM RSS (MiB) | all processes RSS (MiB) |");
        line("|---|---|---|---|---|---|---|---|");
        Path dataDir = tmp.resolve("embedded");
        Run cold = embeddedRun(dataDir);
        line(cold.row("cold"));
        List<Run> warm = new ArrayList<>();
        for (int i = 0; i < WARM_RUNS; i++) {
            Run run = embeddedRun(dataDir);
            warm.add(run);
            line(run.row("warm " + (i + 1)));
        }
        double total = median(warm.stream().map(Run::seconds).toList());
        double goal = 1.3 * slowest + contextMedian;
        line("");
        line("## The goal");
        line("");
        line("Starting in parallel, the total should stay within 1.3 x the slowest single component plus the Spring context: "
                + "1.3 x " + f(slowest) + " + " + f(contextMedian) + " = " + f(goal) + " s. Measured (warm median): " + f(total)
                + " s, " + (total <= goal ? "within" : "OVER") + " the goal (" + String.format(Locale.ROOT, "%.2f", total / goal) + " of it).");

        Path out = Path.of("target", "benchmarks", "startup.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private EmbeddedSettings.Resolved settings(Path dir) {
        return new EmbeddedSettings.Resolved(dir, new EmbeddedSettings(true, START, new EmbeddedSettings.Postgres(0, "nexusai", 100),
                new EmbeddedSettings.Redis(0), new EmbeddedSettings.Kafka(0, 0, DataSize.ofMegabytes(256), 1), new EmbeddedSettings.S3(0)));
    }

    private double startAlone(String name, Path dir) throws Exception {
        if (name.equals("Kafka")) {
            return kafkaFromJar(dir);
        }
        try (DataDirectory data = DataDirectory.open(dir)) {
            EmbeddedServer<?> server = switch (name) {
                case "PostgreSQL" -> new EmbeddedPostgresServer(data, new EmbeddedSettings.Postgres(freePort(), "nexusai", 100), freePort());
                case "Redis" -> new EmbeddedRedisServer(data, freePort());
                default -> new EmbeddedS3Server(data, freePort());
            };
            try (server) {
                return time(() -> server.start());
            }
        }
    }

    /** The broker exactly as the server runs it from the jar, timed to its READY line. */
    private double kafkaFromJar(Path dir) throws Exception {
        Path logDir = dir.resolve("kafka");
        Files.createDirectories(logDir);
        Path config = dir.resolve("broker.properties");
        Files.writeString(config, EmbeddedKafkaBroker.brokerConfig(logDir, freePort(), freePort(), 1));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(EmbeddedKafkaBroker.jvmOptions(DataSize.ofMegabytes(256), dir.resolve("kafka.log")));
        command.addAll(List.of("-jar", ServerProcess.jar().toAbsolutePath().toString(), KafkaBrokerMain.COMMAND, config.toString()));
        long started = System.nanoTime();
        Process broker = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var out = broker.getInputStream()) {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(out, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && !line.equals(KafkaBrokerMain.READY)) {
                // wait for the ready line
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            broker.getOutputStream().close();
            broker.waitFor();
            return seconds;
        }
    }

    private double prodServerToHealthy(EmbeddedPlatform services, int run) throws Exception {
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "DB_HOST", "127.0.0.1",
                "DB_PORT", Integer.toString(services.postgres().port()), "DB_NAME", "nexusai",
                "DB_USER", services.postgres().username(), "DB_PASSWORD", services.postgres().password(),
                "REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(services.redis().port()),
                "REDIS_PASSWORD", services.redis().password(), "KAFKA_SERVERS", services.kafka().bootstrapServers()));
        env.putAll(Map.of("JWT_SECRET", Secrets.randomToken(64), "MINIO_ENDPOINT", services.s3().url(),
                "MINIO_ACCESS_KEY", services.s3().accessKey(), "MINIO_SECRET_KEY", services.s3().secretKey(),
                "OLLAMA_URL", "http://127.0.0.1:9", "NEXUSAI_ADMIN_PASSWORD", "benchmark-admin-password"));
        long started = System.nanoTime();
        try (ServerProcess server = ServerProcess.start(tmp.resolve("prod-" + run + ".log"), env, "--spring.profiles.active=prod",
                "--server.port=" + port, "--logging.file.name=" + tmp.resolve("prod-" + run + "-file.log"))) {
            awaitHealthy(port, server);
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private record Run(double seconds, Map<String, String> components, long serverRssKiB, long totalRssKiB) {
        String row(String name) {
            return "| " + name + " | " + f(seconds) + " | " + components.getOrDefault("PostgreSQL", "?") + " | "
                    + components.getOrDefault("Redis", "?") + " | " + components.getOrDefault("Kafka", "?") + " | "
                    + components.getOrDefault("S3 store", "?") + " | " + serverRssKiB / 1024 + " | " + totalRssKiB / 1024 + " |";
        }
    }

    private Run embeddedRun(Path dataDir) throws Exception {
        int port = freePort();
        Path log = tmp.resolve("embedded-" + System.nanoTime() + ".log");
        long started = System.nanoTime();
        try (ServerProcess server = ServerProcess.startEmbedded(log, dataDir, port)) {
            awaitHealthy(port, server);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, String> components = new LinkedHashMap<>();
            var matcher = java.util.regex.Pattern.compile("(PostgreSQL|Redis|Kafka|S3 store) .* in ([\\d.]+) s").matcher(server.output());
            while (matcher.find()) {
                components.put(matcher.group(1), matcher.group(2));
            }
            long postmaster = ServerProcess.postmasterPid(dataDir);
            List<ProcessHandle> children = Stream.of(server.descendants().stream(), ProcessHandle.of(postmaster).stream(),
                    ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants)).flatMap(s -> s).distinct().toList();
            long serverRss = rssKiB(server.pid());
            long total = serverRss + children.stream().mapToLong(p -> rssKiB(p.pid())).sum();
            return new Run(seconds, components, serverRss, total);
        }
    }

    private void awaitHealthy(int port, ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not healthy within " + START + ":\n" + server.output());
    }

    private static long rssKiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double osTotalMemoryGiB() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    }

    private static double time(Callable<?> action) throws Exception {
        long started = System.nanoTime();
        action.call();
        return (System.nanoTime() - started) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String f(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
