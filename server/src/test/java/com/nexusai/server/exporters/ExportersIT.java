package com.nexusai.server.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import com.nexusai.core.metrics.Exposition;
import com.nexusai.core.metrics.Sample;
import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** The three exporter endpoints of an embedded server, scraped over HTTP and checked against the servers themselves. */
class ExportersIT extends EmbeddedServerTest {

    @Autowired
    Exporters exporters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    RedisConnectionFactory redis;

    @Autowired
    Admin kafkaAdmin;

    @Autowired
    KafkaTemplate<String, String> kafka;

    private List<Sample> scrape(String exporter) throws Exception {
        Integer port = exporters.ports().get(exporter);
        assertThat(port).as("the %s exporter runs", exporter).isNotNull();
        var response = new Http("http://127.0.0.1:" + port).get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return Exposition.parse(response.body());
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.matches(labels)).mapToDouble(Sample::value)
                .reduce((a, b) -> { throw new AssertionError("more than one " + name + labels); })
                .orElseThrow(() -> new AssertionError("no " + name + labels + " in " + samples));
    }

    @Test
    void theHealthSaysWhereEachExporterAnswers() throws Exception {
        var health = Http.json(http.get("/actuator/health", admin)).at("/components/exporters");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (var exporter : exporters.ports().entrySet()) {
            assertThat(health.at("/details/" + exporter.getKey()).asString()).isEqualTo("http://127.0.0.1:" + exporter.getValue() + "/metrics");
        }
        assertThat(exporters.ports()).containsOnlyKeys("postgres", "redis", "kafka");
    }

    @Test
    void thePostgresExporterReportsTheDatabasesAndTheConnectionsByState() throws Exception {
        String database = jdbc.queryForObject("select current_database()", String.class);
        // three of the pool's connections borrowed and held, doing nothing, while the exporter is scraped
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(dataSource.getConnection());
        }
        try {
            List<Sample> samples = scrape("postgres");
            assertThat(value(samples, "pg_up", Map.of())).isEqualTo(1);
            assertThat(value(samples, "pg_settings_max_connections", Map.of()))
                    .isEqualTo(jdbc.queryForObject("show max_connections", Double.class));
            List<String> databases = jdbc.queryForList("select datname from pg_database where datallowconn order by 1", String.class);
            assertThat(samples.stream().filter(s -> s.name().equals("pg_database_size_bytes")).map(s -> s.label("datname")).sorted().toList())
                    .isEqualTo(databases);
            long size = jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
            assertThat(value(samples, "pg_database_size_bytes", Map.of("datname", database))).isCloseTo(size, within(size * 0.05));

            double idle = value(samples, "pg_stat_activity_count", Map.of("datname", database, "state", "idle"));
            double all = samples.stream().filter(s -> s.name().equals("pg_stat_activity_count") && database.equals(s.label("datname")))
                    .mapToDouble(Sample::value).sum();
            long counted = jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database() and backend_type = 'client backend'", Long.class);
            assertThat(idle).as("the three held connections are idle").isGreaterThanOrEqualTo(3);
            assertThat(all).as("client connections, against pg_stat_activity read right after").isCloseTo(counted, within(2.0));
            // the exporter's own query was running while it read pg_stat_activity
            assertThat(value(samples, "pg_stat_activity_count", Map.of("datname", database, "state", "active"))).isGreaterThanOrEqualTo(1);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void theRedisExporterReportsClientsMemoryKeysAndTheLastSave() throws Exception {
        String prefix = "exporter-test-" + UUID.randomUUID() + ":";
        long lastSave;
        long keys;
        try (RedisConnection connection = redis.getConnection()) {
            for (int i = 0; i < 25; i++) {
                connection.stringCommands().set((prefix + i).getBytes(), "v".getBytes());
            }
            connection.serverCommands().save();
            lastSave = connection.serverCommands().lastSave();
            keys = connection.serverCommands().dbSize();
        }
        List<Sample> samples = scrape("redis");
        Properties info;
        try (RedisConnection connection = redis.getConnection()) {
            info = connection.serverCommands().info();
        }
        assertThat(value(samples, "redis_up", Map.of())).isEqualTo(1);
        assertThat(value(samples, "redis_rdb_last_save_timestamp_seconds", Map.of())).isEqualTo(lastSave / 1000.0);
        assertThat(value(samples, "redis_db_keys", Map.of("db", "db0"))).as("DBSIZE after 25 new keys").isCloseTo(keys, within(3.0))
                .isGreaterThanOrEqualTo(25);
        assertThat(value(samples, "redis_connected_clients", Map.of())).isGreaterThanOrEqualTo(1)
                .isCloseTo(Double.parseDouble(info.getProperty("connected_clients")), within(2.0));
        double used = Double.parseDouble(info.getProperty("used_memory"));
        assertThat(value(samples, "redis_memory_used_bytes", Map.of())).isCloseTo(used, within(used * 0.2));
        assertThat(value(samples, "redis_commands_processed_total", Map.of())).isGreaterThan(25);
    }

    @Test
    void theKafkaExporterReportsEachGroupsLagPerPartition() throws Exception {
        String topic = "exporter-test-" + UUID.randomUUID();
        String group = "exporter-test-group";
        kafkaAdmin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        for (int i = 0; i < 7; i++) {
            kafka.send(topic, 0, null, "m" + i).get();
        }
        for (int i = 0; i < 4; i++) {
            kafka.send(topic, 1, null, "m" + i).get();
        }
        // the group has read 2 of partition 0 and all of partition 1
        kafkaAdmin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2),
                new TopicPartition(topic, 1), new OffsetAndMetadata(4))).all().get();

        List<Sample> samples = scrape("kafka");
        assertThat(value(samples, "kafka_brokers", Map.of())).isEqualTo(1);
        assertThat(value(samples, "kafka_consumergroup_lag", Map.of("consumergroup", group, "topic", topic, "partition", "0"))).isEqualTo(5);
        assertThat(value(samples, "kafka_consumergroup_lag", Map.of("consumergroup", group, "topic", topic, "partition", "1"))).isEqualTo(0);
        assertThat(value(samples, "kafka_consumergroup_current_offset", Map.of("consumergroup", group, "topic", topic, "partition", "0"))).isEqualTo(2);
        assertThat(value(samples, "kafka_consumergroup_lag_sum", Map.of("consumergroup", group, "topic", topic))).isEqualTo(5);
        assertThat(value(samples, "kafka_topic_partition_current_offset", Map.of("topic", topic, "partition", "0"))).isEqualTo(7);
        // the server's own audit consumer is there too
        assertThat(samples).anyMatch(s -> s.name().equals("kafka_consumergroup_lag") && "nexusai-audit".equals(s.label("consumergroup")));
        // replication, under kafka-exporter's names: one broker, so every partition fully replicated on it
        assertThat(value(samples, "kafka_topic_partitions", Map.of("topic", topic))).isEqualTo(2);
        assertThat(value(samples, "kafka_topic_partition_leader", Map.of("topic", topic, "partition", "1"))).isEqualTo(1);
        assertThat(value(samples, "kafka_topic_partition_replicas", Map.of("topic", topic, "partition", "1"))).isEqualTo(1);
        assertThat(value(samples, "kafka_topic_partition_in_sync_replica", Map.of("topic", topic, "partition", "1"))).isEqualTo(1);
        assertThat(value(samples, "kafka_topic_partition_under_replicated_partition", Map.of("topic", topic, "partition", "0"))).isZero();
        assertThat(samples).anyMatch(s -> s.name().equals("kafka_broker_info") && "1".equals(s.label("id"))
                && s.label("address").startsWith("127.0.0.1:"));
    }
}
