package com.nexusai.server.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.nexusai.server.platform.kafka.EmbeddedKafkaBroker;
import com.nexusai.server.platform.kafka.KafkaEndpoint;
import com.nexusai.server.platform.postgres.EmbeddedPostgresServer;
import com.nexusai.server.platform.postgres.PostgresEndpoint;
import com.nexusai.server.platform.redis.EmbeddedRedisServer;
import com.nexusai.server.platform.redis.RedisEndpoint;
import com.nexusai.server.platform.s3.EmbeddedS3Server;
import com.nexusai.server.platform.s3.S3Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * PostgreSQL, Redis, Kafka and an S3 store, started in parallel on 127.0.0.1 with their data in one
 * directory. {@link #start} returns at once; each accessor waits for its server, so the Spring
 * context builds itself while the servers come up.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPlatform.class);
    private static final String EMBEDDED_MODULE_CLASS = "com.nexusai.embedded.postgres.PostgresProcess";

    private final DataDirectory dataDirectory;
    private final Duration startTimeout;
    private final ExecutorService starter = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("embedded-start-", 0).daemon().factory());
    private final EmbeddedKafkaBroker kafkaBroker;
    private final List<Running<?>> servers = new ArrayList<>();
    private final Running<PostgresEndpoint> postgres;
    private final Running<RedisEndpoint> redis;
    private final Running<KafkaEndpoint> kafka;
    private final Running<S3Endpoint> s3;

    private record Running<E extends Endpoint>(EmbeddedServer<E> server, CompletableFuture<E> endpoint) {
    }

    private EmbeddedPlatform(DataDirectory dataDirectory, EmbeddedSettings settings, List<Integer> ports) {
        this.dataDirectory = dataDirectory;
        this.startTimeout = settings.startTimeout();
        this.kafkaBroker = new EmbeddedKafkaBroker(dataDirectory, settings.kafka(), ports.get(2), ports.get(3));
        this.postgres = launch(new EmbeddedPostgresServer(dataDirectory, settings.postgres(), ports.get(0)));
        this.redis = launch(new EmbeddedRedisServer(dataDirectory, ports.get(1)));
        this.kafka = launch(kafkaBroker);
        this.s3 = launch(new EmbeddedS3Server(dataDirectory, ports.get(4)));
    }

    /**
     * Locks the data directory, stops what a killed predecessor left running, checks every port
     * (the server's own included, when {@code serverPort} is above 0) and starts the four servers in
     * parallel.
     *
     * @throws DataDirectoryInUseException when another server uses the directory
     * @throws PortsInUseException naming every port that is taken
     */
    public static EmbeddedPlatform start(EmbeddedSettings.Resolved resolved, int serverPort) {
        EmbeddedSettings settings = resolved.settings();
        DataDirectory dataDirectory = DataDirectory.open(resolved.dataDir());
        try {
            EmbeddedPostgresServer.stopLeftover(dataDirectory);
            EmbeddedRedisServer.stopLeftover(dataDirectory);
            EmbeddedKafkaBroker.stopLeftover(dataDirectory);
            List<Ports.Request> requests = new ArrayList<>(List.of(
                    new Ports.Request("PostgreSQL", settings.postgres().port(), "nexusai.embedded.postgres.port"),
                    new Ports.Request("Redis", settings.redis().port(), "nexusai.embedded.redis.port"),
                    new Ports.Request("Kafka", settings.kafka().port(), "nexusai.embedded.kafka.port"),
                    new Ports.Request("Kafka controller", settings.kafka().controllerPort(),
                            "nexusai.embedded.kafka.controller-port"),
                    new Ports.Request("S3 store", settings.s3().port(), "nexusai.embedded.s3.port")));
            if (serverPort > 0) {
                requests.add(new Ports.Request("The NexusAI server", serverPort, "server.port"));
            }
            List<Integer> ports = Ports.reserve(EmbeddedSettings.HOST, requests);
            EmbeddedRedisServer.prepareBinary(dataDirectory);
            log.info("Starting the embedded platform in {}", dataDirectory.root());
            return new EmbeddedPlatform(dataDirectory, settings, ports);
        } catch (RuntimeException e) {
            dataDirectory.close();
            throw e;
        } catch (java.io.IOException e) {
            dataDirectory.close();
            throw new EmbeddedStartException("Redis", e);
        }
    }

    /** Whether this distribution has the embedded platform's module (the production one does not). */
    public static boolean bundled(ClassLoader classLoader) {
        return ClassUtils.isPresent(EMBEDDED_MODULE_CLASS, classLoader);
    }

    private <E extends Endpoint> Running<E> launch(EmbeddedServer<E> server) {
        CompletableFuture<E> endpoint = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            try {
                E ready = server.start();
                log.info("{} {} ready at {} in {} s", String.format(Locale.ROOT, "%-10s", server.displayName()),
                        String.format(Locale.ROOT, "%-16s", ready.version()), ready.address(),
                        seconds(System.nanoTime() - started));
                return ready;
            } catch (Exception e) {
                throw new EmbeddedStartException(server.displayName(), e);
            }
        }, starter);
        Running<E> running = new Running<>(server, endpoint);
        servers.add(running);
        return running;
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    public PostgresEndpoint postgres() {
        return await(postgres);
    }

    public RedisEndpoint redis() {
        return await(redis);
    }

    /** Replaces the embedded Redis's data with the snapshot {@code rdb} (moved into place), restarting it. */
    public RedisEndpoint restoreRedis(Path rdb) throws IOException, InterruptedException {
        return ((EmbeddedRedisServer) redis.server()).restoreSnapshot(rdb);
    }

    public KafkaEndpoint kafka() {
        return await(kafka);
    }

    public S3Endpoint s3() {
        return await(s3);
    }

    public EmbeddedKafkaBroker.State kafkaBrokerState() {
        return kafkaBroker.state();
    }

    /** Waits for every server; the first failure is thrown. */
    public void awaitAll() {
        servers.forEach(this::await);
    }

    private <E extends Endpoint> E await(Running<E> running) {
        try {
            return running.endpoint().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EmbeddedStartException start) {
                throw start;
            }
            throw new EmbeddedStartException(running.server().displayName(), e.getCause());
        } catch (TimeoutException e) {
            throw new EmbeddedStartException(running.server().displayName(),
                    new TimeoutException("not ready within " + startTimeout.toSeconds()
                            + " s (setting nexusai.embedded.start-timeout)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartException(running.server().displayName(), e);
        }
    }

    /** Stops every server in parallel (waiting for any still starting), then releases the data directory. */
    @Override
    public void close() {
        long started = System.nanoTime();
        List<CompletableFuture<Void>> stops = servers.stream()
                .map(running -> running.endpoint().handle((ok, failed) -> null)
                        .thenRunAsync(() -> stop(running.server()), starter))
                .toList();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        starter.shutdown();
        dataDirectory.close();
        log.info("Embedded platform stopped in {} s", seconds(System.nanoTime() - started));
    }

    private static void stop(EmbeddedServer<?> server) {
        try {
            server.close();
        } catch (RuntimeException e) {
            log.warn("{}: {}", server.displayName(), e.getMessage());
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
