package com.nexusai.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.nexusai.server.platform.postgres.PostgresEndpoint;
import com.nexusai.server.platform.redis.RedisEndpoint;
import com.nexusai.server.platform.s3.S3Endpoint;
import com.nexusai.server.support.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The four servers on their own, without Spring: what they keep across restarts, and how they stop. */
class EmbeddedPlatformIT {

    @TempDir
    Path dataDir;

    private EmbeddedSettings.Resolved settings(int redisPort) {
        return new EmbeddedSettings.Resolved(dataDir, new EmbeddedSettings(true, Duration.ofMinutes(2),
                new EmbeddedSettings.Postgres(0, "nexusai", 50), new EmbeddedSettings.Redis(redisPort),
                new EmbeddedSettings.Kafka(0, 0, DataSize.ofMegabytes(256), 1), new EmbeddedSettings.S3(0)));
    }

    @Test
    void everyByteSurvivesARestartAndNothingKeepsRunningAfterClose() throws Exception {
        List<ProcessHandle> running;
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(settings(0), 0)) {
            platform.awaitAll();
            try (Connection db = connect(platform.postgres()); Statement sql = db.createStatement()) {
                sql.execute("create table kept (id int primary key, note text)");
                sql.execute("insert into kept values (1, 'written before the restart')");
            }
            withRedis(platform.redis(), redis -> redis.sync().set("kept", "redis value"));
            // the embedded broker does not auto-create topics (as in production): declare it
            try (org.apache.kafka.clients.admin.Admin topics = org.apache.kafka.clients.admin.Admin.create(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers()))) {
                topics.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("kept", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "key", "kafka event")).get();
            }
            try (MinioClient s3 = minio(platform.s3())) {
                s3.makeBucket(MakeBucketArgs.builder().bucket("kept").build());
                byte[] bytes = "object body".getBytes(StandardCharsets.UTF_8);
                s3.putObject(PutObjectArgs.builder().bucket("kept").object("a/b.txt")
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
            }
            running = runningServers();
            assertThat(running).extracting(p -> p.info().command().orElse(""))
                    .anyMatch(c -> c.contains("postgres")).anyMatch(c -> c.contains("redis-server")).anyMatch(c -> c.endsWith("java"));
        }
        assertThat(running.stream().filter(ServerProcess::running).map(this::describe).toList())
                .as("processes left after close").isEmpty();

        try (EmbeddedPlatform platform = EmbeddedPlatform.start(settings(0), 0)) {
            try (Connection db = connect(platform.postgres()); Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("select note from kept where id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("written before the restart");
            }
            withRedis(platform.redis(), redis -> assertThat(redis.sync().get("kept")).isEqualTo("redis value"));
            assertThat(readAll(platform, "kept")).extracting(ConsumerRecord::value).containsExactly("kafka event");
            try (MinioClient s3 = minio(platform.s3())) {
                assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket("kept").build())).isTrue();
                try (var object = s3.getObject(GetObjectArgs.builder().bucket("kept").object("a/b.txt").build())) {
                    assertThat(new String(object.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("object body");
                }
            }
        }
    }

    @Test
    void aTakenPortStopsTheStartBeforeAnythingRunsAndNamesThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedPlatform.start(settings(port), 0))
                    .isInstanceOfSatisfying(PortsInUseException.class, e -> assertThat(e.getMessage())
                            .contains("Redis", "127.0.0.1:" + port, "nexusai.embedded.redis.port"));
        }
        assertThat(ProcessHandle.current().descendants().filter(ServerProcess::running).toList()).isEmpty();
        try (DataDirectory released = DataDirectory.open(dataDir)) {
            assertThat(released.root()).isEqualTo(dataDir.toAbsolutePath());
        }
    }

    @Test
    void aSecondPlatformOnTheSameDataDirectoryIsRefused() {
        try (EmbeddedPlatform first = EmbeddedPlatform.start(settings(0), 0)) {
            assertThatThrownBy(() -> EmbeddedPlatform.start(settings(0), 0))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(dataDir.toString());
            first.awaitAll();
        }
    }

    /** The child processes, and the postmaster, which pg_ctl detaches from us. */
    private List<ProcessHandle> runningServers() throws Exception {
        return java.util.stream.Stream.concat(ProcessHandle.current().descendants().filter(ServerProcess::running),
                ProcessHandle.of(ServerProcess.postmasterPid(dataDir)).stream()).toList();
    }

    private String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("?");
    }

    private static Connection connect(PostgresEndpoint postgres) throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    private static void withRedis(RedisEndpoint endpoint, java.util.function.Consumer<StatefulRedisConnection<String, String>> action) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(endpoint.host()).withPort(endpoint.port())
                .withPassword(endpoint.password().toCharArray()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            action.accept(connection);
        } finally {
            client.shutdown();
        }
    }

    private static MinioClient minio(S3Endpoint s3) {
        return MinioClient.builder().endpoint(s3.url()).credentials(s3.accessKey(), s3.secretKey()).build();
    }

    private static List<ConsumerRecord<String, String>> readAll(EmbeddedPlatform platform, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(records::add);
            }
            return records;
        }
    }
}
