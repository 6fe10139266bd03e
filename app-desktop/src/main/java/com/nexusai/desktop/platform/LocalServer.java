package com.nexusai.desktop.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Start a local server": the server jar run by the console's own Java as a child process in embedded
 * mode, its components reported as they come up, the local admin's password read from the data
 * directory. Stopped (SIGTERM: the server stops its databases in order) when the console quits.
 */
public final class LocalServer implements AutoCloseable {

    /** A laptop's server: the heap starts small and is capped (a quarter of the machine's memory otherwise). */
    static final String HEAP_START = "-Xms64m";
    static final String HEAP_LIMIT = "-Xmx512m";

    /** A step of the start: which component, and how many of the five are done. */
    public record Progress(String line, int done, int total) {
    }

    private static final Pattern READY = Pattern.compile("NexusAI server ready at (https?://\\S+)");
    private static final List<String> COMPONENTS = List.of("Redis", "S3 store", "PostgreSQL", "Kafka", "NexusAI server ready");

    private final Path jar;
    private final List<String> settings;
    private final Path dataDir;
    private final Path cache;
    private Process process;

    public LocalServer(Path jar, Path dataDir) {
        this(jar, dataDir, List.of());
    }

    /** {@code settings}: more {@code --name=value} for the server (the tests point it at an Ollama stand-in). */
    public LocalServer(Path jar, Path dataDir, List<String> settings) {
        // the server's extraction and AOT cache: beside its data, or shared (the tests' local servers share one)
        this(jar, dataDir, settings, Path.of(System.getProperty("nexusai.server.cache",
                dataDir.toAbsolutePath().resolveSibling("server-cache").toString())));
    }

    /** {@code cache}: where the server jar is extracted and its AOT cache kept ({@link FastServerStart}). */
    public LocalServer(Path jar, Path dataDir, List<String> settings, Path cache) {
        this.settings = List.copyOf(settings);
        this.jar = jar;
        this.dataDir = dataDir;
        this.cache = cache;
    }

    /**
     * Where the server jar is: {@code nexusai.server.jar}, in the runtime the console runs on (the jlink image's
     * {@code server/}, which an installed package holds under {@code lib/runtime/}), or the build's.
     */
    public static Path findJar() {
        String configured = System.getProperty("nexusai.server.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of(System.getProperty("java.home"), "server", "nexusai-server.jar"),
                Path.of("server/target/nexusai-server.jar"), Path.of("../server/target/nexusai-server.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the server jar is not found: build it (./mvnw -pl server -am package) or set -Dnexusai.server.jar=");
    }

    /** Starts the server and blocks until it is ready; returns its URL. */
    public URI start(Consumer<Progress> progress, Duration timeout) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // the console's own runtime: its process may be a package's launcher rather than bin/java
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // free ports for the embedded servers too: a developer's own local server may hold the defaults
        List<String> command = new java.util.ArrayList<>(List.of(java, HEAP_START, HEAP_LIMIT));
        command.addAll(FastServerStart.arguments(Path.of(java), jar, cache));
        command.addAll(List.of("--nexusai.data-dir=" + dataDir, "--server.port=" + port, "--nexusai.embedded.postgres.port=0", "--nexusai.embedded.redis.port=0",
                "--nexusai.embedded.kafka.port=0", "--nexusai.embedded.kafka.controller-port=0", "--nexusai.embedded.s3.port=0"));
        command.addAll(settings);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // the console killed (SIGTERM, not its window's close) still stops the server
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-server-stop"));
        long deadline = System.nanoTime() + timeout.toNanos();
        int done = 0;
        // not closed here on success: the drain thread keeps reading the server's output
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        java.util.Deque<String> recent = new java.util.ArrayDeque<>();
        String line;
        while ((line = lines.readLine()) != null && System.nanoTime() < deadline) {
            recent.addLast(line);
            if (recent.size() > 40) {
                recent.removeFirst();
            }
            for (String component : COMPONENTS) {
                if (line.contains(component) && line.contains("ready")) {
                    done++;
                    progress.accept(new Progress(line.substring(Math.max(0, line.indexOf(component))), done, COMPONENTS.size()));
                }
            }
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                Thread.ofVirtual().start(() -> drain(lines));
                return URI.create(ready.group(1) + "/");
            }
        }
        lines.close();
        close();
        throw new IOException(reason(List.copyOf(recent)) + " (" + dataDir.resolve("logs/nexusai.log") + ")");
    }

    /** Spring Boot's failure analysis, from "Description:" to the end, when the server printed one. */
    public static String reason(List<String> lines) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("Description:")) {
                start = i + 1;
            }
        }
        if (start < 0) {
            return "it stopped before it was ready";
        }
        return String.join(" ", lines.subList(start, lines.size()).stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    public String adminPassword() throws IOException {
        return Files.readString(dataDir.resolve("secrets/admin-password")).strip();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // the server logs to its data directory too; this only keeps its pipe from filling up
            }
        } catch (IOException e) {
            // the server stopped
        }
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        // SIGTERM through the handle: Process.destroy() would also close the server's output, and a server that trained
        // its AOT cache, still writing as it assembles it, would fail on the broken pipe and leave no cache
        process.toHandle().destroy();
        try {
            // a server that trained its AOT cache writes it as it stops: half a minute on 2 cores
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
