package com.nexusai.server.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import io.prometheus.client.Collector.MetricFamilySamples;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A server the exporter cannot reach is reported down ({@code pg_up 0}, {@code redis_up 0}) instead of failing the scrape. */
class ExporterDownTest {

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> lines(List<MetricFamilySamples> families) {
        return families.stream().flatMap(family -> family.samples.stream()).map(s -> s.name + " " + s.value).toList();
    }

    @Test
    void postgresDownIsPgUpZeroAndNothingElse() throws Exception {
        var dataSource = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + closedPort() + "/nexusai", "nexusai", "x");
        assertThat(lines(new PostgresCollector(new JdbcTemplate(dataSource)).collect())).containsExactly("pg_up 0.0");
    }

    @Test
    void redisDownIsRedisUpZeroAndNothingElse() throws Exception {
        var factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", closedPort()));
        factory.afterPropertiesSet();
        factory.start();
        try {
            assertThat(lines(new RedisCollector(factory).collect())).containsExactly("redis_up 0.0");
        } finally {
            factory.destroy();
        }
    }
}
