package com.nexusai.server.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real HAProxy started with the repository's haproxy.cfg on loopback, in front of {@code instances}: the
 * shipped file with only its addresses, certificate paths and server lines replaced.
 */
public final class Haproxy implements AutoCloseable {

    public static final Path INSTALLERS = Path.of("..", "installers", "server").toAbsolutePath().normalize();

    private final Process process;
    private final int port;
    private final int adminPort;
    private final Http http;

    private Haproxy(Process process, int port, int adminPort, Http http) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.http = http;
    }

    /** Starts it and returns once every instance is UP behind it. */
    public static Haproxy start(Path dir, List<SupervisedInstance> instances, TlsMaterial tls) throws IOException {
        int port = SupervisedInstance.freePort();
        int plainPort = SupervisedInstance.freePort();
        int adminPort = SupervisedInstance.freePort();
        String configuration = Files.readString(INSTALLERS.resolve("haproxy/haproxy.cfg"))
                .replace("log /dev/log local0", "log stdout format raw local0")
                .replace("stats socket ipv4@127.0.0.1:9999", "stats socket ipv4@127.0.0.1:" + adminPort)
                .replace("bind *:80", "bind 127.0.0.1:" + plainPort)
                .replace("bind *:443 ssl crt /etc/haproxy/certs/nexusai.pem", "bind 127.0.0.1:" + port + " ssl crt " + tls.proxyPem())
                .replace("/etc/haproxy/certs/nexusai-instances.pem", tls.instancesCa().toString())
                .lines().filter(line -> !line.strip().startsWith("server app")).collect(Collectors.joining("\n", "", "\n"))
                + instances.stream().map(i -> "    server " + i.name() + " 127.0.0.1:" + i.port() + "\n").collect(Collectors.joining());
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, configuration);
        Process process = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile())).start();
        Haproxy haproxy = new Haproxy(process, port, adminPort, new Http("https://127.0.0.1:" + port, tls.proxyTrust()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            try {
                return haproxy.http().get("/actuator/health/readiness").statusCode() == 200
                        && haproxy.status().size() == instances.size() && haproxy.status().values().stream().allMatch("UP"::equals);
            } catch (IOException e) {
                return false;
            }
        });
        return haproxy;
    }

    /** A client of the front end (HTTPS, trusting HAProxy's certificate). */
    public Http http() {
        return http;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public int adminPort() {
        return adminPort;
    }

    /** HAProxy's view of each instance (UP, DOWN, DRAIN...), from its admin socket. */
    public Map<String, String> status() throws IOException {
        return stat("status");
    }

    /** One column of HAProxy's "show stat" for each server of the backend (status, stot: sessions so far...). */
    public Map<String, String> stat(String column) throws IOException {
        List<String> lines = adminCommand("show stat").lines().toList();
        int index = List.of(lines.getFirst().replaceFirst("^# ", "").split(",")).indexOf(column);
        Map<String, String> values = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields.length > 1 && fields[0].equals("nexusai") && !fields[1].equals("FRONTEND") && !fields[1].equals("BACKEND")) {
                values.put(fields[1], fields[index]);
            }
        }
        return values;
    }

    public String adminCommand(String command) throws IOException {
        try (var socket = new java.net.Socket("127.0.0.1", adminPort)) {
            socket.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
