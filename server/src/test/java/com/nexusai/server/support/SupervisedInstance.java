package com.nexusai.server.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One NexusAI instance in the prod profile from the packaged jar, over HTTPS with the admin's key store, under a
 * small supervisor loop that starts its java again when it exits (as systemd does) until {@link #stopFile()}
 * exists. The supervisor writes the running java's pid to {@link #pidFile()}.
 */
public record SupervisedInstance(String name, int port, Process supervisor, Path pidFile, Path stopFile, Path log, TlsMaterial tls) {

    /** Starts it with the guide's variables in {@code environment} and {@code args} ({@code --name=value}); returns once it is ready. */
    public static SupervisedInstance start(Path dir, String name, Map<String, String> environment, TlsMaterial tls, String... args)
            throws IOException {
        int port = freePort();
        Path pidFile = dir.resolve(name + ".pid");
        Path stopFile = dir.resolve(name + ".stop");
        Path log = dir.resolve(name + ".log");
        Map<String, String> all = new HashMap<>(environment);
        all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        all.put("SPRING_PROFILES_ACTIVE", "prod");
        // env.sh's TLS lines, with this test's key store in place of /opt/nexusai/config/nexusai.p12
        all.put("SERVER_SSL_ENABLED", "true");
        all.put("SERVER_SSL_KEY_STORE", tls.keystore().toString());
        all.put("SSL_KEYSTORE_PASSWORD", tls.storePassword());
        all.putIfAbsent("NEXUSAI_TRUSTED_PROXIES", "127.0.0.1/32");
        all.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        all.put("JAR", ServerProcess.jar().toAbsolutePath().toString());
        all.put("PIDFILE", pidFile.toString());
        all.put("STOP", stopFile.toString());
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "while [ ! -e \"$STOP\" ]; do \"$JAVA\" -Xmx512m -jar \"$JAR\" \"$@\" & echo $! > \"$PIDFILE\"; wait $!; sleep 0.2; done",
                "supervisor", "--server.port=" + port, "--server.address=127.0.0.1", "--nexusai.node-name=" + name,
                "--logging.file.name=" + dir.resolve(name + "-app.log")));
        command.addAll(List.of(args));
        ProcessBuilder supervisor = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        supervisor.environment().clear();
        supervisor.environment().putAll(all);
        SupervisedInstance instance = new SupervisedInstance(name, port, supervisor.start(), pidFile, stopFile, log, tls);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .failFast("the supervisor of " + name + " ended", () -> !instance.supervisor().isAlive())
                .until(instance::ready);
        return instance;
    }

    public long pid() throws IOException {
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    public Http http() {
        return new Http("https://127.0.0.1:" + port, tls.instancesTrust());
    }

    public boolean ready() {
        try {
            return http().get("/actuator/health/readiness").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Stops the supervisor, then its java (a clean shutdown), waiting at most a minute. */
    public void stop() throws IOException, InterruptedException {
        Files.writeString(stopFile, "");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroy);
        }
        supervisor.waitFor(60, TimeUnit.SECONDS);
        supervisor.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
