package com.nexusai.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nexusai.server.platform.postgres.PostgresEndpoint;

/**
 * A streaming replica of a test's PostgreSQL primary, made as an admin makes one: {@code pg_basebackup -R -X stream}
 * (Debian's client 15, installed by {@code .ci/run}) from the primary, then a server on the copy with the
 * primary's own binaries (the embedded bundle's {@code postgres}, started in a user namespace of its own as zonky
 * does for the primary: as root, PostgreSQL refuses to start). It can be stopped and started, or paused (SIGSTOP of all its processes) and
 * resumed.
 */
public final class PostgresStandby implements AutoCloseable {

    private final Path dataDir;
    private final Path postgres;
    private final Path log;
    private final int port;
    private final PostgresEndpoint primary;
    private Process server;

    private PostgresStandby(Path dataDir, Path postgres, Path log, int port, PostgresEndpoint primary) {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.log = log;
        this.port = port;
        this.primary = primary;
    }

    /** Copies {@code primary} into {@code dir} and starts the copy as its streaming replica on a free port. */
    public static PostgresStandby start(Path dir, PostgresEndpoint primary, Path binaries) throws Exception {
        return start(dir, primary, binaries, null);
    }

    /** The same, streaming over TLS verified with the authority {@code ca} (null: without TLS). */
    public static PostgresStandby start(Path dir, PostgresEndpoint primary, Path binaries, Path ca) throws Exception {
        Path dataDir = dir.resolve("replica");
        Path log = dir.resolve("replica.log");
        run(Map.of("PGPASSWORD", primary.password()), "pg_basebackup", "--host=" + primary.host(), "--port=" + primary.port(),
                "--username=" + primary.username(), "--pgdata=" + dataDir, "--wal-method=stream", "--write-recovery-conf",
                "--checkpoint=fast", "--no-password");
        int port = SupervisedInstance.freePort();
        // the copy's own settings, after what pg_basebackup wrote (the last line wins)
        Files.writeString(dataDir.resolve("postgresql.auto.conf"), String.join("\n", List.of("",
                "port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "hot_standby = on",
                "hot_standby_feedback = on", "primary_conninfo = 'host=" + primary.host() + " port=" + primary.port() + " user="
                        + primary.username() + " password=" + primary.password() + " application_name=replica1"
                        + (ca == null ? "" : " sslmode=verify-full sslrootcert=" + ca) + "'", "")),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        PostgresStandby standby = new PostgresStandby(dataDir, binaries.resolve("postgres"), log, port, primary);
        standby.startServer();
        return standby;
    }

    /** The bin directory of the embedded PostgreSQL unpacked under {@code dataDir} (the primary's own binaries). */
    public static Path embeddedBinaries(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("runtime"))) {
            return files.filter(path -> path.getFileName().toString().equals("pg_ctl") && Files.isExecutable(path)).findFirst()
                    .orElseThrow(() -> new IOException("no pg_ctl under " + dataDir.resolve("runtime"))).getParent();
        }
    }

    public int port() {
        return port;
    }

    /** Starts the server on the copy; returns once it accepts connections as a standby. */
    public void startServer() throws Exception {
        // as root, postgres refuses to start; in a user namespace of its own (as the embedded bundle does) it does not
        server = new ProcessBuilder("unshare", "-U", postgres.toString(), "-D", dataDir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + primary.database();
        Process started = server;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(200))
                .failFast("the replica's postgres exited; its log: " + log, () -> !started.isAlive())
                .ignoreExceptions().until(() -> {
                    try (var connection = java.sql.DriverManager.getConnection(url, primary.username(), primary.password());
                            var recovery = connection.createStatement().executeQuery("select pg_is_in_recovery()")) {
                        return recovery.next() && recovery.getBoolean(1);
                    }
                });
    }

    /** An immediate stop (SIGQUIT), as a crash looks to the primary. */
    public void stopServer() throws Exception {
        if (server != null && server.isAlive()) {
            run(Map.of(), "kill", "-QUIT", Long.toString(server.pid()));
            server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * SIGSTOP (or SIGCONT) of the postmaster and every process it started: the replica neither receives nor replays.
     * The postmaster first, so that it starts no new process; a backend that ends meanwhile is no longer there to stop.
     */
    public void pause(boolean paused) throws Exception {
        long postmaster = server.pid();
        String signal = paused ? "-STOP" : "-CONT";
        run(Map.of(), "kill", signal, Long.toString(postmaster));
        for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().descendants().toList()) {
            new ProcessBuilder("kill", signal, Long.toString(child.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private static void run(Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command).replaceAll("password=\\S+", "password=***") + "\n" + output).isZero();
    }

    @Override
    public void close() {
        try {
            if (server != null && server.isAlive()) {
                pause(false);
                stopServer();
            }
        } catch (Exception ignored) {
            // the test's directory goes anyway
        }
    }
}
