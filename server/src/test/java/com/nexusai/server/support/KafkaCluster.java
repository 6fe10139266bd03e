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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.nexusai.server.platform.kafka.EmbeddedKafkaBroker;
import com.nexusai.server.platform.kafka.KafkaBrokerMain;
import org.apache.kafka.common.Uuid;
import org.springframework.util.unit.DataSize;

/**
 * A real KRaft Kafka cluster on loopback for tests: {@code size} brokers, each its own JVM from the packaged
 * server jar ({@code internal-kafka-broker}), each also a controller voter, one cluster id. A broker can be
 * SIGKILLed and started again on its own log directory. Topics are not auto-created, as in production, and the
 * internal topics have three replicas.
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

    private KafkaCluster(Path dir, int size) throws IOException {
        this.dir = dir;
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
        KafkaCluster cluster = new KafkaCluster(dir, size);
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
        return String.join("\n", List.of(
                KafkaBrokerMain.CLUSTER_ID + "=" + clusterId,
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
