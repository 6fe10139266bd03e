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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.nexusai.server.support.ProdServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as shipped (issue 19): started by {@code installers/server/bin/nexusai-java}, extracted, with the AOT cache
 * its own training run made, to {@code /actuator/health} UP in embedded mode, against the reference the issue names:
 * a bare Spring Boot webmvc + actuator application of the same Boot version, built here, started the same way (the same
 * script, its own training run and cache). The two alternate, so that both see the machine in the same state.
 * {@code ./mvnw -B -Pbenchmark -pl server -am verify -Dit.test=FastStartBenchmark}: the figures into
 * {@code target/benchmarks/fast-start.md}.
 */
class FastStartBenchmark {

    private static final int RUNS = 3;
    private static final Duration START = Duration.ofMinutes(3);
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = REPOSITORY.resolve("installers/server/bin/nexusai-java");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    private final StringBuilder report = new StringBuilder();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void measure() throws Exception {
        Path bare = bareApplication();
        Path server = Files.copy(Path.of(System.getProperty("nexusai.test.server-jar", "target/nexusai-server.jar")), tmp.resolve("nexusai-server.jar"));
        Path data = tmp.resolve("data");

        line("# The server as shipped against a bare Boot application, each extracted with its own AOT cache");
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ". Both started by `installers/server/bin/nexusai-java` (extracted, `-Xms64m -Xmx512m`), timed from the "
                + "launch to `/actuator/health` UP; the first run of each trains its cache (written as it stops), then " + RUNS
                + " runs of each, alternated.");
        line("");
        double bareTraining = start(bare, tmp.resolve("bare-cache"), List.of("--server.port=%d"));
        double serverTraining = start(server, tmp.resolve("server-cache"), embedded(data));
        List<Double> bareRuns = new ArrayList<>();
        List<Double> serverRuns = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            bareRuns.add(start(bare, tmp.resolve("bare-cache"), List.of("--server.port=%d")));
            serverRuns.add(start(server, tmp.resolve("server-cache"), embedded(data)));
        }
        double plainBare = plain(bare, List.of("--server.port=%d"));
        double plainServer = plain(server, embedded(data));

        // the production jar in the prod profile against running services (stood in for by embedded servers, started once)
        Path production = Path.of(System.getProperty("nexusai.test.production-jar",
                REPOSITORY.resolve("server/production/target/nexusai-server-production.jar").toString()));
        List<Double> prodRuns = new ArrayList<>();
        List<Double> bareBesideServices = new ArrayList<>();
        double prodTraining;
        try (ProdServices services = ProdServices.start(tmp.resolve("services"))) {
            List<String> prod = new ArrayList<>(List.of("--spring.profiles.active=prod", "--server.port=%d",
                    "--logging.file.name=" + tmp.resolve("prod.log")));
            services.environment().forEach((name, value) -> prod.add("--" + name + "=" + value));
            prodTraining = start(production, tmp.resolve("prod-cache"), prod);
            for (int i = 0; i < RUNS; i++) {
                bareBesideServices.add(start(bare, tmp.resolve("bare-cache"), List.of("--server.port=%d")));
                prodRuns.add(start(production, tmp.resolve("prod-cache"), prod));
            }
        }

        line("| application | `java -jar` (fat jar) | training run | with its AOT cache, runs | median |");
        line("|---|---|---|---|---|");
        line("| bare Boot " + bootVersion() + " webmvc + actuator | " + f(plainBare) + " | " + f(bareTraining) + " | " + join(bareRuns) + " | "
                + f(median(bareRuns)) + " |");
        line("| NexusAI server, embedded | " + f(plainServer) + " | " + f(serverTraining) + " | " + join(serverRuns) + " | "
                + f(median(serverRuns)) + " |");
        line("| bare Boot, beside the running services | | | " + join(bareBesideServices) + " | " + f(median(bareBesideServices)) + " |");
        line("| NexusAI production jar, prod profile, against the running services | | " + f(prodTraining) + " | " + join(prodRuns)
                + " | " + f(median(prodRuns)) + " |");
        line("");
        line("Prod profile: **" + String.format(Locale.ROOT, "%.2f", median(prodRuns) / median(bareBesideServices))
                + " x** the bare application alternated with it, both beside the services (goal: at most 2 x).");
        line("");
        double ratio = median(serverRuns) / median(bareRuns);
        line("Ratio, median against median: **" + String.format(Locale.ROOT, "%.2f", ratio) + " x** the bare application (goal: at most 3 x); "
                + "the embedded server's time includes PostgreSQL, Redis, the Kafka broker's JVM and the S3 store, started beside Spring.");
        Path out = Path.of("target", "benchmarks", "fast-start.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private List<String> embedded(Path data) {
        return List.of("--nexusai.data-dir=" + data, "--server.port=%d", "--nexusai.embedded.postgres.port=0", "--nexusai.embedded.redis.port=0",
                "--nexusai.embedded.kafka.port=0", "--nexusai.embedded.kafka.controller-port=0", "--nexusai.embedded.s3.port=0",
                "--nexusai.exporters.postgres.port=0", "--nexusai.exporters.redis.port=0", "--nexusai.exporters.kafka.port=0");
    }

    /** Seconds from the launch through nexusai-java to health UP; then SIGTERM and the wait for the exit (a training run's cache). */
    private double start(Path jar, Path cache, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), JAVA, jar.toString(), cache.toString()));
        return timed(command, arguments);
    }

    private double plain(Path jar, List<String> arguments) throws Exception {
        return timed(new ArrayList<>(List.of(JAVA, "-Xms64m", "-Xmx512m", "-jar", jar.toString())), arguments);
    }

    private double timed(List<String> command, List<String> arguments) throws Exception {
        int port = freePort();
        arguments.forEach(argument -> command.add(argument.formatted(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("run-" + System.nanoTime() + ".log").toFile());
        builder.environment().put("JVM_OPTIONS", "-Xms64m -Xmx512m");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            awaitHealthy(port, process);
            return (System.nanoTime() - started) / 1e9;
        } finally {
            process.destroy();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
    }

    /** A Boot application with nothing but webmvc and actuator, from a generated project, packaged by the project's Maven. */
    private Path bareApplication() throws Exception {
        Path project = tmp.resolve("bare");
        Path source = Files.createDirectories(project.resolve("src/main/java/bare"));
        Files.writeString(source.resolve("BareApplication.java"), """
                package bare;

                @org.springframework.boot.autoconfigure.SpringBootApplication
                public class BareApplication {
                    public static void main(String[] args) {
                        org.springframework.boot.SpringApplication.run(BareApplication.class, args);
                    }
                }
                """);
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>org.springframework.boot</groupId>
                    <artifactId>spring-boot-starter-parent</artifactId>
                    <version>%s</version>
                  </parent>
                  <groupId>bench</groupId>
                  <artifactId>bare</artifactId>
                  <version>1</version>
                  <properties><java.version>25</java.version></properties>
                  <dependencies>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webmvc</artifactId></dependency>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency>
                  </dependencies>
                  <build>
                    <finalName>bare</finalName>
                    <plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins>
                  </build>
                </project>
                """.formatted(bootVersion()));
        Process maven = new ProcessBuilder(REPOSITORY.resolve("mvnw").toString(), "-B", "-q", "-f", project.resolve("pom.xml").toString(), "package")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("bare-build.log").toFile()).start();
        if (!maven.waitFor(5, TimeUnit.MINUTES) || maven.exitValue() != 0) {
            throw new AssertionError("the bare application did not build:\n" + Files.readString(tmp.resolve("bare-build.log")));
        }
        return project.resolve("target/bare.jar");
    }

    private static String bootVersion() {
        return org.springframework.boot.SpringBootVersion.getVersion();
    }

    private void awaitHealthy(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("not healthy within " + START + " (alive: " + process.isAlive() + ")");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String join(List<Double> values) {
        return String.join(", ", values.stream().map(FastStartBenchmark::f).toList());
    }

    private static String f(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
