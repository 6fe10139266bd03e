package com.nexusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.support.ProdServices;
import com.nexusai.server.support.Http;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.util.ClassUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
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

    static ProdServices prod;
    static EmbeddedPlatform services;
    static ConfigurableApplicationContext server;
    static String adminPassword;

    @BeforeAll
    static void startServerInProdMode() {
        prod = ProdServices.start(servicesDir);
        services = prod.platform();
        adminPassword = prod.adminPassword();
        server = prod.startServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        prod.close();
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
        // the guide's 30 s would hold a request that long when the database stalls: 4 s, then a 503 (README)
        assertThat(pool.getConnectionTimeout()).isEqualTo(4000);
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
    void flywayOwnsTheSchemaAndValidatesItWithoutAnOrm() {
        Flyway flyway = server.getBean(Flyway.class);
        assertThat(flyway.getConfiguration().isBaselineOnMigrate()).isTrue();
        assertThat(flyway.getConfiguration().isValidateOnMigrate()).isTrue();
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(server.getBeanNamesForType(JdbcTransactionManager.class)).hasSize(1);
        assertThat(ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory", getClass().getClassLoader())).isFalse();
    }

    @Test
    void healthShowsEveryExternalServiceAndTheAdminFromTheEnvironmentSignsIn() throws Exception {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        Http http = new Http("http://127.0.0.1:" + port);
        var response = http.get("/actuator/health", http.accessToken("admin", adminPassword));
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
