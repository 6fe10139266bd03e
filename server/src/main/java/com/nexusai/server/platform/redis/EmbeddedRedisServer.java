package com.nexusai.server.platform.redis;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nexusai.embedded.redis.RedisBinary;
import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.DetachedCommand;
import com.nexusai.server.platform.EmbeddedServer;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.LeftoverProcesses;
import com.nexusai.server.platform.Secrets;

/**
 * A real redis-server (the binary shipped by embedded-redis), run as a child process with a
 * password, RDB snapshots in the data directory and a save on shutdown. AOF stays off so that an
 * RDB restore (the guide's §5.3) applies as is.
 */
public final class EmbeddedRedisServer implements EmbeddedServer<RedisEndpoint> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final DataDirectory dataDirectory;
    private final int port;
    private volatile Process process;

    public EmbeddedRedisServer(DataDirectory dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    @Override
    public String displayName() {
        return "Redis";
    }

    public static void stopLeftover(DataDirectory dataDirectory) {
        // redis-server rewrites its command line to "<binary> host:port"; the binary is ours, under runtime/redis
        LeftoverProcesses.stop("Redis", pidFile(dataDirectory), dataDirectory.root().resolve("runtime/redis").toString());
    }

    private static Path pidFile(DataDirectory dataDirectory) {
        return dataDirectory.directory("run").resolve("redis.pid");
    }

    /**
     * Unpacks redis-server before anything runs in parallel. While a file is open for writing, every
     * process forked meanwhile inherits that handle (Java does not open files close-on-exec), and
     * executing the file then fails with "Text file busy".
     */
    public static File prepareBinary(DataDirectory dataDirectory) throws IOException {
        return RedisBinary.extractTo(dataDirectory.directory("runtime/redis"));
    }

    @Override
    public RedisEndpoint start() throws IOException, InterruptedException {
        File binary = prepareBinary(dataDirectory);
        String password = dataDirectory.secret("redis-password", Secrets::newPassword);
        Path data = dataDirectory.directory("redis");
        Path log = dataDirectory.directory("logs").resolve("redis.log");
        Path config = data.resolve("redis.conf");
        DataDirectory.writePrivateFile(config, String.join("\n", List.of(
                "# Written by NexusAI at every start: edit nexusai.embedded.* settings instead.",
                "bind " + EmbeddedSettings.HOST,
                "port " + port,
                "protected-mode yes",
                "daemonize no",
                "dir " + data,
                "dbfilename dump.rdb",
                "appendonly no",
                // one pair per line: redis 6.2 reads "save 3600 1 300 100" as no save point at all
                "save 3600 1",
                "save 300 100",
                "save 60 10000",
                "stop-writes-on-bgsave-error yes",
                "requirepass " + password,
                "logfile " + log,
                "")));
        String version = null;
        for (int attempt = 1; version == null; attempt++) {
            process = new ProcessBuilder(DetachedCommand.of(List.of(binary.getAbsolutePath(), config.toString())))
                    .directory(data.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            LeftoverProcesses.record(pidFile(dataDirectory), process.pid());
            try {
                version = awaitReady(password, log);
            } catch (IOException e) {
                // 126: the binary could not be executed, e.g. "Text file busy" while another process was forked
                boolean notExecuted = !process.isAlive() && process.exitValue() == 126;
                if (!notExecuted || attempt == 3) {
                    throw e;
                }
                Thread.sleep(200L * attempt);
            }
        }
        return new RedisEndpoint(EmbeddedSettings.HOST, port, password, version);
    }

    private String awaitReady(String password, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with code " + process.exitValue() + ": " + tail(log));
            }
            try (RespClient client = new RespClient(EmbeddedSettings.HOST, port, 1000)) {
                client.call("AUTH", password);
                String info = client.call("INFO", "server");
                return info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring(14).strip())
                        .findFirst().orElse("unknown");
            } catch (IOException e) {
                last = e;
                Thread.sleep(20);
            }
        }
        throw new IOException("Redis did not answer on " + EmbeddedSettings.HOST + ":" + port + " within "
                + START_TIMEOUT.toSeconds() + " s: " + (last == null ? "" : last.getMessage()) + "; " + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "last lines of " + log + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "see " + log;
        }
    }

    /**
     * Stops Redis without saving ({@code SHUTDOWN NOSAVE}), puts {@code rdb} in place of its snapshot
     * and starts it again on the same port with the same password: clients reconnect to the restored data.
     */
    public RedisEndpoint restoreSnapshot(Path rdb) throws IOException, InterruptedException {
        String password = dataDirectory.secret("redis-password", Secrets::newPassword);
        try (RespClient client = new RespClient(EmbeddedSettings.HOST, port, 5000)) {
            client.call("AUTH", password);
            client.call("SHUTDOWN", "NOSAVE");
        } catch (IOException expected) {
            // Redis closes the connection as it exits, without a reply
        }
        Process running = process;
        if (running != null && !running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("Redis did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
        Files.move(rdb, dataDirectory.directory("redis").resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return start();
    }

    @Override
    public void close() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy(); // SIGTERM: redis saves its RDB snapshot, then exits
        try {
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                running.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        LeftoverProcesses.forget(pidFile(dataDirectory));
        process = null;
    }
}
