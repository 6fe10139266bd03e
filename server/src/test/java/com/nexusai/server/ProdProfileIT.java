package com.nexusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.Secrets;
import com.nexusai.server.support.Http;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prod profile against real external services: embedded servers started on their own stand in
 * for the production PostgreSQL, Redis, Kafka and MinIO, reached only through the guide's
 * environment variables. The guide's pool sizes and timeouts are checked on the live objects.
 */
class ProdProfileIT {

    @TempDir
    static Path servicesDir;

    static EmbeddedPlatform services;
    static ConfigurableApplicationContext server;
    static final String ADMIN_PASSWORD = "prod-admin-" + Secrets.newPassword();

    @BeforeAll
    static void startServerInProdMode() {
        services = EmbeddedPlatform.start(new EmbeddedSettings.Resolved(servicesDir, new EmbeddedSettings(true,
                Duration.ofMinutes(2), new EmbeddedSettings.Postgres(0, "nexusai_prod", 100), new EmbeddedSettings.Redis(0),
                new EmbeddedSettings.Kafka(0, 0, DataSize.ofMegabytes(256), 1), new EmbeddedSettings.S3(0))), 0);
        Map<String, String> environment = Map.ofEntries(
                Map.entry("DB_HOST", "127.0.0.1"),
                Map.entry("DB_PORT", Integer.toString(services.postgres().port())),
                Map.entry("DB_NAME", "nexusai_prod"),
                Map.entry("DB_USER", services.postgres().username()),
                Map.entry("DB_PASSWORD", services.postgres().password()),
                Map.entry("REDIS_HOST", "127.0.0.1"),
                Map.entry("REDIS_PORT", Integer.toString(services.redis().port())),
                Map.entry("REDIS_PASSWORD", services.redis().password()),
                Map.entry("KAFKA_SERVERS", services.kafka().bootstrapServers()),
                Map.entry("JWT_SECRET", Secrets.randomToken(64)),
                Map.entry("MINIO_ENDPOINT", services.s3().url()),
                Map.entry("MINIO_ACCESS_KEY", services.s3().accessKey()),
                Map.entry("MINIO_SECRET_KEY", services.s3().secretKey()),
                Map.entry("OLLAMA_URL", "http://127.0.0.1:9"),
                Map.entry("NEXUSAI_ADMIN_PASSWORD", ADMIN_PASSWORD));
        List<String> args = new ArrayList<>();
        environment.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        server = new SpringApplicationBuilder(NexusAiServer.class).profiles("prod").run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        services.close();
    }

    @Test
    void noEmbeddedServerIsStarted() {
        assertThat(server.getBeanProvider(EmbeddedPlatform.class).getIfAvailable()).isNull();
    }

    @Test
    void theDatabasePoolHasTheGuidesSizesAndTimeouts() {
        HikariDataSource pool = server.getBean(HikariDataSource.class);
        assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + services.postgres().port() + "/nexusai_prod");
        assertThat(pool.getMinimumIdle()).isEqualTo(10);
        assertThat(pool.getMaximumPoolSize()).isEqualTo(50);
        assertThat(pool.getIdleTimeout()).isEqualTo(300000);
        assertThat(pool.getMaxLifetime()).isEqualTo(1200000);
        assertThat(pool.getConnectionTimeout()).isEqualTo(30000);
    }

    @Test
    void redisUsesTheGuidesLettucePool() {
        LettuceConnectionFactory redis = server.getBean(LettuceConnectionFactory.class);
        assertThat(redis.getPort()).isEqualTo(services.redis().port());
        assertThat(redis.getClientConfiguration()).isInstanceOfSatisfying(LettucePoolingClientConfiguration.class, pooled -> {
            assertThat(pooled.getPoolConfig().getMinIdle()).isEqualTo(5);
            assertThat(pooled.getPoolConfig().getMaxIdle()).isEqualTo(20);
            assertThat(pooled.getPoolConfig().getMaxTotal()).isEqualTo(50);
        });
    }

    @Test
    void kafkaClientsUseTheGuidesDeliverySettings() {
        Map<String, Object> producer = server.getBean(ProducerFactory.class).getConfigurationProperties();
        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all").containsEntry(ProducerConfig.RETRIES_CONFIG, 3)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        assertThat(producer.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).toString()).contains(services.kafka().bootstrapServers());
        Map<String, Object> consumer = server.getBean(ConsumerFactory.class).getConfigurationProperties();
        assertThat(consumer).containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    @Test
    void tomcatHasTheGuidesThreadAndConnectionLimits() {
        TomcatWebServer web = (TomcatWebServer) ((WebServerApplicationContext) server).getWebServer();
        Connector connector = web.getTomcat().getService().findConnectors()[0];
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) connector.getProtocolHandler();
        assertThat(protocol.getMaxThreads()).isEqualTo(200);
        assertThat(protocol.getMinSpareThreads()).isEqualTo(20);
        assertThat(protocol.getMaxConnections()).isEqualTo(10000);
        assertThat(protocol.getAcceptCount()).isEqualTo(500);
        assertThat(server.getEnvironment().getProperty("server.compression.enabled", Boolean.class)).isTrue();
    }

    @Test
    void flywayOwnsTheSchemaAndHibernateOnlyValidatesIt() {
        assertThat(server.getBean(Flyway.class).getConfiguration().isBaselineOnMigrate()).isTrue();
        assertThat(server.getBean(EntityManagerFactory.class).getProperties()).containsEntry("hibernate.hbm2ddl.auto", "validate");
    }

    @Test
    void healthShowsEveryExternalServiceAndTheAdminFromTheEnvironmentSignsIn() throws Exception {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        Http http = new Http("http://127.0.0.1:" + port);
        var response = http.get("/actuator/health", http.accessToken("admin", ADMIN_PASSWORD));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = server.getBean(JsonMapper.class).readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String component : List.of("db", "redis", "kafka", "storage")) {
            assertThat(health.at("/components/" + component + "/status").asString()).as(component).isEqualTo("UP");
        }
        assertThat(health.at("/components/ollama/status").asString()).isEqualTo("UNAVAILABLE");
        assertThat(health.at("/components/storage/details/endpoint").asString()).isEqualTo(services.s3().url());
    }
}
