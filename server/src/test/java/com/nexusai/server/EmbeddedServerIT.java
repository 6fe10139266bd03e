package com.nexusai.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.support.EmbeddedTestSettings;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.OllamaStandIn;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server in embedded mode, as a developer runs it: real PostgreSQL, Redis, Kafka and S3 store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class EmbeddedServerIT {

    @TempDir
    static Path dataDir;

    static OllamaStandIn ollama;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        ollama = OllamaStandIn.start(List.of("llama3:latest"));
        EmbeddedTestSettings.register(registry, dataDir);
        registry.add("nexusai.ai.ollama.base-url", () -> ollama.baseUrl().toString());
        registry.add("nexusai.kafka.lag-refresh", () -> "PT1S");
    }

    @AfterAll
    static void stopOllama() {
        ollama.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedPlatform platform;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups healthGroups;

    Http http;
    String adminPassword;
    String adminToken;

    @BeforeEach
    void client() throws Exception {
        http = new Http("http://127.0.0.1:" + port);
        adminPassword = Files.readString(dataDir.resolve("secrets/admin-password")).strip();
        adminToken = http.accessToken("admin", adminPassword);
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> response = http.get("/actuator/health", adminToken);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void infoNamesTheBuildTheCommitAndTheJava() throws Exception {
        HttpResponse<String> response = http.get("/actuator/info", adminToken);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = json.readTree(response.body());
        assertThat(info.at("/build/version").asString()).isNotBlank();
        assertThat(info.at("/build/artifact").asString()).isEqualTo("nexusai-server");
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor()).as("the build runs from a git checkout: " + head).isZero();
        assertThat(info.at("/git/commit/id").asString()).hasSizeGreaterThanOrEqualTo(7).satisfies(id -> assertThat(head).startsWith(id));
        assertThat(info.at("/git/branch").asString()).isNotBlank();
        assertThat(info.at("/java/version").asString()).startsWith("25");
    }

    @Test
    void healthIsUpWithEveryComponent() throws Exception {
        JsonNode health = health();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String component : List.of("db", "redis", "kafka", "storage", "ollama")) {
            assertThat(health.path("components").path(component).path("status").asString()).as(component).isEqualTo("UP");
        }
        assertThat(health.at("/components/storage/details/bucket").asString()).isEqualTo("nexusai-prod");
        assertThat(health.at("/components/kafka/details/nodes").asInt()).isEqualTo(1);
    }

    @Test
    void anonymousCallersSeeTheStatusOnly() throws Exception {
        HttpResponse<String> response = http.get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.has("components")).isFalse();
    }

    @Test
    void probesAnswerTheSameToEveryoneAndLivenessDependsOnNoOtherService() throws Exception {
        int ollamaPort = ollama.port();
        ollama.close();
        try {
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                HttpResponse<String> anonymous = http.get(probe);
                assertThat(anonymous.statusCode()).as(probe).isEqualTo(200);
                assertThat(anonymous.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
                assertThat(http.get(probe, adminToken).body()).as(probe).isEqualTo(anonymous.body());
            }
        } finally {
            ollama = OllamaStandIn.start(ollamaPort, List.of("llama3:latest"));
        }
        var liveness = healthGroups.get("liveness");
        assertThat(liveness.isMember("livenessState")).isTrue();
        for (String dependency : List.of("db", "redis", "kafka", "storage", "ollama")) {
            assertThat(liveness.isMember(dependency)).as(dependency).isFalse();
            assertThat(healthGroups.get("readiness").isMember(dependency)).as(dependency).isFalse();
        }
    }

    @Test
    void ollamaDownShowsInItsComponentWithTheFixWhileTheServerStaysUp() throws Exception {
        int ollamaPort = ollama.port();
        ollama.close();
        try {
            JsonNode health = health();
            assertThat(health.path("status").asString()).isEqualTo("UP");
            JsonNode component = health.path("components").path("ollama");
            assertThat(component.path("status").asString()).isEqualTo("UNAVAILABLE");
            assertThat(component.at("/details/error").asString()).contains("127.0.0.1:" + ollamaPort, "connection refused");
            assertThat(component.at("/details/fix").asString()).contains("ollama serve");
            assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
        } finally {
            ollama = OllamaStandIn.start(ollamaPort, List.of("llama3:latest"));
        }
        assertThat(health().at("/components/ollama/status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusNeedsSignInAndCarriesTheGuideMetrics() throws Exception {
        assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", "not-a-token").statusCode()).isEqualTo(401);
        for (int i = 0; i < 5; i++) {
            health();
        }
        jdbc.queryForObject("select 1", Integer.class);
        System.gc();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = http.get("/actuator/prometheus", adminToken).body();
            for (String name : List.of("jvm_memory_used_bytes{", "jvm_memory_max_bytes{", "jvm_gc_pause_seconds_count{",
                    "http_server_requests_seconds_bucket{", "hikaricp_connections_active{", "hikaricp_connections_max{",
                    "hikaricp_connections_pending{")) {
                assertThat(metrics).as(name).contains("\n" + name);
            }
            assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/actuator/health\"[^}]*le=\"");
            // the service-level buckets (application.yml), not Micrometer's 69: HighLatency's 2 s is one of them
            java.util.Set<String> buckets = java.util.regex.Pattern.compile("\nhttp_server_requests_seconds_bucket\\{[^}]*le=\"([^\"]+)\"")
                    .matcher(metrics).results().map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
            assertThat(buckets).containsExactlyInAnyOrder("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.0",
                    "5.0", "10.0", "30.0", "+Inf");
        });
    }

    @Test
    void kafkaConsumerLagIsTheExactFigureForEveryGroup() throws Exception {
        String topic = "lag-proof";
        String group = "lag-proof-group";
        String bootstrap = platform.kafka().bootstrapServers();
        // the embedded broker does not auto-create topics (as in production): declare it
        try (org.apache.kafka.clients.admin.Admin topics = org.apache.kafka.clients.admin.Admin.create(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 25; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "event " + i)).get();
            }
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
            // the server must have had its first look at the groups, or it cannot know when this commit happened
            await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(http.get("/api/admin/kafka/lag", adminToken).body())
                    .valueStream().anyMatch(r -> r.path("group").asString().equals("nexusai-audit")));
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(10)));
        }
        Pattern line = Pattern.compile("(?m)^kafka_consumer_records_lag\\{[^}]*group=\"" + group
                + "\"[^}]*partition=\"0\"[^}]*topic=\"" + topic + "\"[^}]*} 15\\.0$");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/actuator/prometheus", adminToken).body()).containsPattern(line));
        JsonNode row = json.readTree(http.get("/api/admin/kafka/lag", adminToken).body()).valueStream()
                .filter(r -> r.path("group").asString().equals(group)).findFirst().orElseThrow();
        assertThat(row.path("topic").asString()).isEqualTo(topic);
        assertThat(row.path("endOffset").asLong()).isEqualTo(25);
        assertThat(row.path("committedOffset").asLong()).isEqualTo(10);
        assertThat(row.path("lag").asLong()).isEqualTo(15);
        assertThat(row.path("lastCommitSeenAt").isNull()).as("the commit happened while the server watched").isFalse();
        assertThat(http.get("/api/admin/kafka/lag").statusCode()).isEqualTo(401);
    }

    @Test
    void failedSignInsFromOneAddressAreThrottledWhateverTheUserNames() throws Exception {
        try {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> failed = http.post("/api/auth/login",
                        Http.toJson(Map.of("username", "nobody-" + i, "password", "guess-" + i)), null);
                assertThat(failed.statusCode()).isEqualTo(401);
            }
            HttpResponse<String> blocked = http.post("/api/auth/login",
                    Http.toJson(Map.of("username", "admin", "password", adminPassword)), null);
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        } finally {
            redis.delete("nexusai:auth:failures:address:127.0.0.1"); // the other tests sign in from here too
        }
    }

    @Test
    void postgresKeepsDataSafelyAndListensOnLoopbackOnly() {
        assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show listen_addresses", String.class)).isEqualTo("127.0.0.1");
        assertThat(jdbc.queryForObject("show server_version", String.class)).startsWith("15.");
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class)).isPositive();
    }

    @Test
    void redisRefusesClientsWithoutItsPassword() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", platform.redis().port())) {
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(reply).startsWith("-NOAUTH");
        }
    }

    @Test
    void theFirstAdminPasswordIsGeneratedIntoAFileOnlyItsOwnerCanRead() throws Exception {
        Path file = dataDir.resolve("secrets/admin-password");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        for (String secret : List.of("jwt-secret", "scrape-token")) {
            Path generated = dataDir.resolve("secrets/" + secret);
            assertThat(Files.getPosixFilePermissions(generated)).as(secret).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readString(dataDir.resolve("secrets/jwt-secret")).strip().getBytes()).hasSizeGreaterThanOrEqualTo(64);
        assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(32);
        assertThat(jdbc.queryForList("select r.role from users u join user_roles r on r.user_id = u.id where u.username = 'admin'",
                String.class)).containsExactly("ADMIN");
        assertThat(jdbc.queryForObject("select password_hash from users where username = 'admin'", String.class))
                .startsWith("{bcrypt}").doesNotContain(adminPassword);
    }
}
