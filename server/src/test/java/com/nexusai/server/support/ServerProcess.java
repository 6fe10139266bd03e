package com.nexusai.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged server jar run as a separate process, the way a user starts it. */
public final class ServerProcess implements AutoCloseable {

    public static final Pattern READY = Pattern.compile("NexusAI server ready at (https?://\\S+)");

    private final Process process;
    private final Path output;

    private ServerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static Path jar() {
        return Path.of(System.getProperty("nexusai.test.server-jar", "target/nexusai-server.jar"));
    }

    /** Starts {@code java -jar nexusai-server.jar args}; {@code environment} replaces the inherited one when not null. */
    public static ServerProcess start(Path output, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        return new ServerProcess(builder.start(), output);
    }

    /**
     * Starts the jar in embedded mode on {@code dataDir} with its log there, HTTP on {@code httpPort}
     * (0: any) and every embedded server on a free port, then {@code args}.
     */
    public static ServerProcess startEmbedded(Path output, Path dataDir, int httpPort, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--nexusai.data-dir=" + dataDir, "--server.port=" + httpPort,
                "--logging.file.name=" + dataDir.resolve("logs/nexusai.log"), "--nexusai.embedded.postgres.port=0",
                "--nexusai.embedded.redis.port=0", "--nexusai.embedded.kafka.port=0", "--nexusai.embedded.kafka.controller-port=0",
                "--nexusai.embedded.s3.port=0", "--nexusai.exporters.postgres.port=0", "--nexusai.exporters.redis.port=0",
                "--nexusai.exporters.kafka.port=0"));
        all.addAll(List.of(args));
        return start(output, null, all.toArray(String[]::new));
    }

    /** The first group of {@code pattern} in what the server printed so far. */
    public String find(java.util.regex.Pattern pattern) throws IOException {
        java.util.regex.Matcher matcher = pattern.matcher(output());
        if (!matcher.find()) {
            throw new AssertionError("not in the server's output: " + pattern);
        }
        return matcher.group(1);
    }

    /** A secret the embedded mode generated in {@code dataDir}. */
    public static String secret(Path dataDir, String name) throws IOException {
        return java.nio.file.Files.readString(dataDir.resolve("secrets/" + name)).strip();
    }

    public String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /** Waits for the server's ready line and returns the URL it printed. */
    public String awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(output());
            if (ready.find()) {
                return ready.group(1);
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with code " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server was not ready within " + timeout + ":\n" + output());
    }

    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /**
     * Alive and not a zombie. A daemon's exited process (the postmaster, which pg_ctl detaches) stays a
     * zombie until PID 1 reaps it, which some containers never do; it runs nothing and holds no port.
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    /** The postmaster of the data directory's PostgreSQL: pg_ctl detaches it, so it is no descendant of ours. */
    public static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().strip());
    }

    public long pid() {
        return process.pid();
    }

    public List<ProcessHandle> descendants() {
        return process.descendants().filter(ServerProcess::running).toList();
    }

    public void sigterm() {
        process.destroy();
    }

    public void sigkill() {
        process.destroyForcibly();
    }

    @Override
    public void close() throws Exception {
        List<ProcessHandle> children = descendants();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        children.stream().filter(ServerProcess::running).forEach(ProcessHandle::destroyForcibly);
    }
}
