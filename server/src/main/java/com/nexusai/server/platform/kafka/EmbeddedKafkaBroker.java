package com.nexusai.server.platform.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.nexusai.embedded.kafka.KafkaBrokerMain;
import com.nexusai.server.platform.ChildJvm;
import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.DetachedCommand;
import com.nexusai.server.platform.EmbeddedServer;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.LeftoverProcesses;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * A real single-node KRaft Kafka broker in a child JVM ({@link KafkaBrokerMain}). Kafka halts its
 * JVM on fatal faults; in a child process that cannot take the server down. The broker is
 * supervised: when it exits unexpectedly it is restarted with a growing delay, and its state is
 * reported while it is down.
 */
public final class EmbeddedKafkaBroker implements EmbeddedServer<KafkaEndpoint> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TRAINING_STOP = Duration.ofSeconds(60);
    private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(60);

    /** What the supervisor knows of the broker process. */
    public record State(boolean running, Instant since, int restarts, String lastExit) {
    }

    private final DataDirectory dataDirectory;
    private final EmbeddedSettings.Kafka settings;
    private final int port;
    private final int controllerPort;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kafka-broker-supervisor").daemon().factory());
    private volatile Process process;
    private volatile boolean closing;
    private volatile boolean training;
    private volatile State state = new State(false, Instant.now(), 0, null);

    public EmbeddedKafkaBroker(DataDirectory dataDirectory, EmbeddedSettings.Kafka settings, int port,
            int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.settings = settings;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    public String displayName() {
        return "Kafka";
    }

    public static void stopLeftover(DataDirectory dataDirectory) {
        LeftoverProcesses.stop("the Kafka broker", pidFile(dataDirectory),
                KafkaBrokerMain.COMMAND + " " + dataDirectory.root().resolve("run"));
    }

    private static Path pidFile(DataDirectory dataDirectory) {
        return dataDirectory.directory("run").resolve("kafka.pid");
    }

    public State state() {
        return state;
    }

    @Override
    public KafkaEndpoint start() throws IOException, InterruptedException {
        Path config = writeConfig();
        launch(config);
        return new KafkaEndpoint(EmbeddedSettings.HOST + ":" + port, AppInfoParser.getVersion());
    }

    private Path writeConfig() throws IOException {
        Path config = dataDirectory.directory("run").resolve("kafka-broker.properties");
        Files.writeString(config, brokerConfig(dataDirectory.directory("kafka"), port, controllerPort, settings.partitions()),
                StandardCharsets.UTF_8);
        return config;
    }

    /** The broker.properties of a single-node KRaft broker on 127.0.0.1, sized for a small machine. */
    public static String brokerConfig(Path logDir, int port, int controllerPort, int partitions) {
        String host = EmbeddedSettings.HOST;
        return String.join("\n", List.of(
                "# Written by NexusAI at every start: edit nexusai.embedded.kafka.* settings instead.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=" + partitions,
                "auto.create.topics.enable=false", // the server declares its topics (EventTopic)
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                String.join("\n", SMALL_MACHINE),
                ""));
    }

    /** Sizing for a broker that shares a small machine: few threads, a small cleaner buffer. */
    public static final List<String> SMALL_MACHINE = List.of(
            "group.initial.rebalance.delay.ms=0",
            // the cleaner's dedupe buffer defaults to 128 MiB of heap; too little heap makes Kafka halt
            "log.cleaner.dedupe.buffer.size=4194304",
            "log.cleaner.threads=1",
            "num.network.threads=2",
            "num.io.threads=2",
            "num.recovery.threads.per.data.dir=1",
            "background.threads=2");

    /** The JVM options of the broker's process. */
    public static List<String> jvmOptions(DataSize maxHeap, Path logFile) {
        return List.of("-Xms32m", "-Xmx" + maxHeap.toMegabytes() + "m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=nexusai-kafka-logback.xml",
                "-D" + KafkaBrokerMain.LOG_FILE_PROPERTY + "=" + logFile);
    }

    private void launch(Path config) throws IOException, InterruptedException {
        Path logs = dataDirectory.directory("logs");
        List<String> options = new java.util.ArrayList<>(jvmOptions(settings.maxHeap(), logs.resolve("kafka.log")));
        options.addAll(ChildJvm.aotCache(dataDirectory.directory("aot"), "kafka-broker"));
        training = ChildJvm.trains(options);
        List<String> command = ChildJvm.command(options, KafkaBrokerMain.COMMAND, config.toString());
        Process started = new ProcessBuilder(DetachedCommand.of(command))
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("kafka-console.log").toFile()))
                .start();
        process = started;
        LeftoverProcesses.record(pidFile(dataDirectory), started.pid());
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("kafka-broker-stdout").start(() -> readStdout(started, ready));
        try {
            ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            started.destroyForcibly();
            String reason = e instanceof TimeoutException ? "it was not ready within " + START_TIMEOUT.toSeconds() + " s"
                    : e.getCause().getMessage();
            throw new IOException("The Kafka broker did not start on " + EmbeddedSettings.HOST + ":" + port + ": "
                    + reason + " (its logs: " + logs.resolve("kafka.log") + ", " + logs.resolve("kafka-console.log") + ")", e);
        }
        state = new State(true, Instant.now(), state.restarts(), state.lastExit());
        started.onExit().thenAccept(this::exited);
    }

    private static void readStdout(Process process, CompletableFuture<Void> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.equals(KafkaBrokerMain.READY)) {
                    ready.complete(null);
                } else {
                    log.debug("kafka broker: {}", line);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("the broker process exited"
                + (process.isAlive() ? "" : " with code " + process.exitValue())));
    }

    private void exited(Process exitedProcess) {
        if (closing || exitedProcess != process) {
            return;
        }
        int restarts = state.restarts() + 1;
        String exit = "exited with code " + exitedProcess.exitValue() + " at " + Instant.now();
        state = new State(false, Instant.now(), restarts, exit);
        scheduleRestart(restarts);
    }

    private void scheduleRestart(int attempt) {
        long delay = Math.min(MAX_RESTART_DELAY.toSeconds(), 1L << Math.min(attempt - 1, 6));
        log.error("The Kafka broker {}; restarting it in {} s (restart {}). Its logs are in {}", state.lastExit(), delay,
                attempt, dataDirectory.root().resolve("logs"));
        supervisor.schedule(() -> {
            if (closing) {
                return;
            }
            try {
                launch(dataDirectory.directory("run").resolve("kafka-broker.properties"));
                log.warn("The Kafka broker is running again (restart {})", attempt);
            } catch (IOException e) {
                state = new State(false, Instant.now(), attempt + 1, e.getMessage());
                scheduleRestart(attempt + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, delay, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        closing = true;
        supervisor.shutdownNow();
        Process running = process;
        if (running == null) {
            return;
        }
        try {
            running.getOutputStream().close(); // the broker's watchdog sees the end of stdin and shuts down cleanly
            // a broker that trained its AOT cache writes it as it exits
            Duration stop = training ? STOP_TIMEOUT.plus(TRAINING_STOP) : STOP_TIMEOUT;
            if (!running.waitFor(stop.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroy();
                if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.destroyForcibly();
                    running.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            running.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        LeftoverProcesses.forget(pidFile(dataDirectory));
        state = new State(false, Instant.now(), state.restarts(), "stopped");
        process = null;
    }
}
