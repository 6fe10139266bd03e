package com.nexusai.embedded.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The broker side: runs a KRaft broker in this JVM, which the server started as a child process. It
 * formats a fresh log directory once, prints {@link #READY} on stdout when clients can connect, and stops
 * when its parent does: end of standard input means the parent is gone, even if it was killed.
 *
 * <p>A member of a cluster (the topology tests run three) gives its {@code node.id} and the
 * {@code controller.quorum.voters} of all, and {@value #CLUSTER_ID} in its properties: every member's log
 * directory is formatted with that same cluster id.
 */
public final class KafkaBrokerMain {

    public static final String COMMAND = "internal-kafka-broker";
    public static final String READY = "NEXUSAI-KAFKA-READY";
    public static final String LOG_FILE_PROPERTY = "nexusai.kafka.log-file";
    /** Not a Kafka setting: the cluster id to format a fresh log directory with (a random one when absent). */
    public static final String CLUSTER_ID = "nexusai.cluster.id";
    /**
     * Not a Kafka setting: SCRAM credentials written into a fresh log directory's bootstrap metadata, as
     * {@code kafka-storage.sh format --add-scram} does ({@code SCRAM-SHA-512=[name=broker,password=...]}, several
     * separated by {@code ;}), so that a SASL_SSL listener has users before any client can create them.
     */
    public static final String SCRAM_CREDENTIALS = "nexusai.scram.credentials";
    /** Not Kafka settings: {@code nexusai.client.<client setting>}, how this broker's readiness check connects (SASL, TLS). */
    public static final String CLIENT_PREFIX = "nexusai.client.";
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !COMMAND.equals(args[0])) {
            System.err.println("usage: " + COMMAND + " <broker.properties>");
            System.exit(2);
        }
        run(Path.of(args[1]));
    }

    static void run(Path configFile) throws Exception {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(configFile)) {
            config.load(in);
        }
        String clusterId = (String) config.remove(CLUSTER_ID);
        String scram = (String) config.remove(SCRAM_CREDENTIALS);
        Map<String, Object> client = new java.util.HashMap<>();
        for (String name : config.stringPropertyNames()) {
            if (name.startsWith(CLIENT_PREFIX)) {
                client.put(name.substring(CLIENT_PREFIX.length()), config.remove(name));
            }
        }
        String logDir = config.getProperty("log.dirs");
        if (!Files.exists(Path.of(logDir, "meta.properties"))) {
            format(logDir, Integer.parseInt(config.getProperty("node.id", "1")),
                    clusterId == null ? Uuid.randomUuid().toString() : clusterId,
                    scram == null ? List.of() : java.util.Arrays.stream(scram.split(";")).map(String::strip).filter(e -> !e.isEmpty()).toList());
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(server), "kafka-broker-shutdown"));
        server.startup();
        awaitClients(config.getProperty("advertised.listeners").replaceFirst("^[A-Z_]+://", "").replaceFirst(",.*$", ""), client);
        PrintStream out = System.out;
        out.println(READY);
        out.flush();
        Thread watchdog = new Thread(KafkaBrokerMain::exitWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        server.awaitShutdown();
    }

    private static void format(String logDir, int nodeId, String clusterId, List<String> scram) throws Exception {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(System.err, true, StandardCharsets.UTF_8))
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir))
                .setMetadataLogDirectory(logDir)
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setUnstableFeatureVersionsEnabled(false);
        if (!scram.isEmpty()) {
            formatter.setScramArguments(scram);
        }
        formatter.run();
    }

    /** Returns once the broker answers a metadata request, so the parent never sees a half-started broker. */
    private static void awaitClients(String bootstrap, Map<String, Object> client) throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A clean broker shutdown, bounded: a broker that hangs while stopping is halted. */
    private static void shutDown(KafkaRaftServer server) {
        System.err.println(Instant.now() + " NexusAI: the Kafka broker is shutting down");
        Thread stopper = Thread.ofPlatform().name("kafka-broker-stop").start(() -> {
            server.shutdown();
            server.awaitShutdown();
        });
        try {
            stopper.join(SHUTDOWN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            System.err.println(Instant.now() + " NexusAI: the broker did not stop within "
                    + SHUTDOWN_TIMEOUT.toSeconds() + " s; halting");
            Runtime.getRuntime().halt(1);
        }
    }

    private static void exitWhenParentGoes() {
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; we only wait for the end of the stream
            }
        } catch (IOException ignored) {
            // a broken pipe means the same: the parent is gone
        }
        System.err.println(Instant.now() + " NexusAI: the server closed the broker's standard input (it stopped or died)");
        System.exit(0); // runs the shutdown hook: a clean broker shutdown
    }
}
