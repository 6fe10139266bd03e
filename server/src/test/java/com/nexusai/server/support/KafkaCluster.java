package com.nexusai.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.nexusai.server.platform.kafka.EmbeddedKafkaBroker;
import com.nexusai.server.platform.Secrets;
import com.nexusai.embedded.kafka.KafkaBrokerMain;
import org.apache.kafka.common.Uuid;
import org.springframework.util.unit.DataSize;

/**
 * A real KRaft Kafka cluster on loopback for tests: {@code size} brokers, each its own JVM from the packaged
 * server jar ({@code internal-kafka-broker}), each also a controller voter, one cluster id. A broker can be
 * SIGKILLed and started again on its own log directory. Topics are not auto-created, as in production, and the
 * internal topics have three replicas.
 *
 * <p>Started with the data tier's certificates, clients and brokers speak SASL_SSL with SCRAM-SHA-512 on the one
 * broker listener: the users {@value #CLIENT_USER} (for the instances) and {@code broker} (between brokers) are
 * written into each fresh log directory at format time; the controller listener stays plaintext on loopback and
 * serves no client request (no produce, no fetch).
 */
public final class KafkaCluster implements AutoCloseable {

    /** How long the controllers wait for a broker's heartbeat before fencing it (its partitions move). */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final int[] ports;
    private final int[] controllerPorts;
    private final Process[] processes;
    private final String clusterId = Uuid.randomUuid().toString();
    public static final String CLIENT_USER = "nexusai";
    public static final String MECHANISM = "SCRAM-SHA-512";
    private final TlsMaterial.DataTier tls;
    private final String brokerPassword = Secrets.randomToken(24);
    private final String clientPassword = Secrets.randomToken(24);

    private KafkaCluster(Path dir, int size, TlsMaterial.DataTier tls) throws IOException {
        this.dir = dir;
        this.tls = tls;
        this.ports = new int[size];
        this.controllerPorts = new int[size];
        this.processes = new Process[size];
        for (int i = 0; i < size; i++) {
            ports[i] = freePort();
            controllerPorts[i] = freePort();
        }
    }

    /** Starts every broker at once (a quorum needs a majority to answer) and returns when all take clients. */
    public static KafkaCluster start(Path dir, int size) throws Exception {
        return start(dir, size, null);
    }

    /** The same over SASL_SSL with SCRAM, with {@code tls}'s server certificate (null: plaintext). */
    public static KafkaCluster start(Path dir, int size, TlsMaterial.DataTier tls) throws Exception {
        KafkaCluster cluster = new KafkaCluster(dir, size, tls);
        try {
            List<CompletableFuture<Void>> started = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int node = i + 1;
                started.add(CompletableFuture.runAsync(() -> cluster.startBroker(node)));
            }
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(START_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public int size() {
        return ports.length;
    }

    public String bootstrapServers() {
        List<String> servers = new ArrayList<>();
        for (int port : ports) {
            servers.add("127.0.0.1:" + port);
        }
        return String.join(",", servers);
    }

    public boolean secure() {
        return tls != null;
    }

    public String clientPassword() {
        return clientPassword;
    }

    /**
     * What a test's client adds to its settings to reach the cluster as {@value #CLIENT_USER} (nothing when
     * plaintext): SASL_SSL, SCRAM, the authority's certificate.
     */
    public Map<String, Object> clientSecurity() {
        return tls == null ? Map.of() : saslSsl(CLIENT_USER, clientPassword);
    }

    private Map<String, Object> saslSsl(String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", jaas(user, password));
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", tls.ca().toString());
        return config;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** The broker's process id (its JVM). */
    public long pid(int node) {
        return processes[node - 1].pid();
    }

    public boolean running(int node) {
        Process process = processes[node - 1];
        return process != null && process.isAlive();
    }

    /** SIGKILL: no clean shutdown, no leadership handed over; the controllers notice when its session times out. */
    public void kill(int node) throws InterruptedException {
        Process process = processes[node - 1];
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a killed broker again on its own log directory; returns when it takes clients. */
    public void restart(int node) {
        startBroker(node);
    }

    private void startBroker(int node) {
        try {
            Path brokerDir = Files.createDirectories(dir.resolve("kafka-" + node));
            Path config = brokerDir.resolve("broker.properties");
            Files.writeString(config, config(node, brokerDir.resolve("logs")), StandardCharsets.UTF_8);
            Path jar = ServerProcess.jar().toAbsolutePath();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(EmbeddedKafkaBroker.jvmOptions(DataSize.ofMegabytes(192), brokerDir.resolve("kafka.log")));
            command.addAll(List.of("-jar", jar.toString(), KafkaBrokerMain.COMMAND, config.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(brokerDir.resolve("console.log").toFile())).start();
            processes[node - 1] = process; // its standard input stays open: the broker stops when it closes
            awaitReady(node, process);
        } catch (IOException e) {
            throw new IllegalStateException("broker " + node + " did not start", e);
        }
    }

    /** Reads the broker's stdout until it says it is ready, then keeps reading so that its pipe never fills. */
    private void awaitReady(int node, Process process) {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("kafka-" + node + "-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains(KafkaBrokerMain.READY)) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // the broker went
            }
            ready.complete(false);
        });
        boolean started;
        try {
            started = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            started = false;
        }
        if (!started) {
            process.destroyForcibly();
            throw new IllegalStateException("broker " + node + " was not ready within " + START_TIMEOUT.toSeconds() + " s; see "
                    + dir.resolve("kafka-" + node));
        }
    }

    private String config(int node, Path logDir) {
        String voters = java.util.stream.IntStream.range(0, ports.length)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(","));
        int port = ports[node - 1];
        int controllerPort = controllerPorts[node - 1];
        int replicas = Math.min(3, ports.length);
        String listener = tls == null ? "PLAINTEXT" : "SASL_SSL";
        return String.join("\n", List.of(
                KafkaBrokerMain.CLUSTER_ID + "=" + clusterId,
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + voters,
                "listeners=" + listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + listener + "://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener,
                "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
                security(),
                "log.dirs=" + logDir,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + Math.max(1, replicas - 1),
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + Math.max(1, replicas - 1),
                "broker.session.timeout.ms=" + SESSION_TIMEOUT.toMillis(),
                "broker.heartbeat.interval.ms=1000",
                String.join("\n", EmbeddedKafkaBroker.SMALL_MACHINE),
                ""));
    }

    /** The SASL_SSL listener's settings, the SCRAM users to format with, and the readiness check's client settings. */
    private String security() {
        if (tls == null) {
            return "";
        }
        List<String> lines = new ArrayList<>(List.of(
                "sasl.enabled.mechanisms=" + MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + jaas("broker", brokerPassword),
                "ssl.keystore.type=PEM",
                "ssl.keystore.location=" + tls.keyAndCertificate(),
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + tls.ca(),
                KafkaBrokerMain.SCRAM_CREDENTIALS + "=" + MECHANISM + "=[name=broker,password=" + brokerPassword + "];"
                        + MECHANISM + "=[name=" + CLIENT_USER + ",password=" + clientPassword + "]"));
        saslSsl("broker", brokerPassword).forEach((name, value) -> lines.add(KafkaBrokerMain.CLIENT_PREFIX + name + "=" + value));
        return String.join("\n", lines);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            if (process != null && process.isAlive()) {
                try {
                    process.getOutputStream().close(); // the broker's watchdog: a clean shutdown
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
        for (Process process : processes) {
            if (process != null) {
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
    }
}
