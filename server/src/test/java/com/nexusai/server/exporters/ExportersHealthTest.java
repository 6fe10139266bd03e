package com.nexusai.server.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import com.nexusai.server.events.KafkaLagReader;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** An exporter whose port is taken stays off, the others run, and the health component says which and why. */
class ExportersHealthTest {

    @Test
    void aTakenPortLeavesThatExporterOffAndShowsInHealthWithTheFix() throws Exception {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of(
                "jdbc", new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none")),
                "redis", new LettuceConnectionFactory()));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ExporterProperties properties = new ExporterProperties("127.0.0.1", new ExporterProperties.Exporter(true, taken.getLocalPort()),
                    new ExporterProperties.Exporter(true, 0), new ExporterProperties.Exporter(false, 9308));
            Exporters exporters = new Exporters(properties, beans.getBeanProvider(JdbcTemplate.class),
                    beans.getBeanProvider(RedisConnectionFactory.class), beans.getBeanProvider(Admin.class), beans.getBeanProvider(KafkaLagReader.class),
                    beans.getBeanProvider(com.nexusai.server.events.KafkaReplicationReader.class));
            exporters.start();
            try {
                assertThat(exporters.ports()).containsOnlyKeys("redis");
                assertThat(exporters.failures()).containsOnlyKeys("postgres");
                Health health = new ExportersHealthIndicator(exporters).health();
                assertThat(health.getStatus().getCode()).isEqualTo("UNAVAILABLE");
                assertThat(health.getDetails().get("postgres").toString())
                        .startsWith("not running: 127.0.0.1:" + taken.getLocalPort() + " cannot be listened on");
                assertThat(health.getDetails().get("redis")).isEqualTo("http://127.0.0.1:" + exporters.ports().get("redis") + "/metrics");
                assertThat(health.getDetails().get("fix").toString()).contains("nexusai.exporters.<name>.port");
                assertThat(health.getDetails()).doesNotContainKey("kafka");
            } finally {
                exporters.stop();
            }
            assertThat(exporters.isRunning()).isFalse();
        }
    }
}
