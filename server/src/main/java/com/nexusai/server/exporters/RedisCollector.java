package com.nexusai.server.exporters;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * redis-exporter's core series, from Redis's INFO at each scrape: {@code redis_up}, {@code
 * redis_connected_clients}, {@code redis_memory_used_bytes}, {@code redis_memory_max_bytes}, {@code
 * redis_rdb_last_save_timestamp_seconds}, {@code redis_rdb_changes_since_last_save}, {@code
 * redis_uptime_in_seconds}, {@code redis_commands_processed_total} and {@code redis_db_keys{db}}. When
 * Redis does not answer, only {@code redis_up 0}.
 */
final class RedisCollector extends Collector {

    private static final Logger log = LoggerFactory.getLogger(RedisCollector.class);
    private static final Pattern KEYS = Pattern.compile("keys=(\\d+)");

    private final RedisConnectionFactory redis;

    RedisCollector(RedisConnectionFactory redis) {
        this.redis = redis;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        double up = 1;
        try (RedisConnection connection = redis.getConnection()) {
            Properties info = connection.serverCommands().info();
            if (info == null) {
                throw new IllegalStateException("INFO answered nothing");
            }
            families.add(gauge("redis_connected_clients", "Client connections.", info, "connected_clients"));
            families.add(gauge("redis_memory_used_bytes", "Memory Redis has allocated.", info, "used_memory"));
            families.add(gauge("redis_memory_max_bytes", "The maxmemory setting (0: no limit).", info, "maxmemory"));
            families.add(gauge("redis_rdb_last_save_timestamp_seconds", "When the last RDB snapshot was saved (Unix time).", info, "rdb_last_save_time"));
            families.add(gauge("redis_rdb_changes_since_last_save", "Writes since the last RDB snapshot.", info, "rdb_changes_since_last_save"));
            families.add(gauge("redis_uptime_in_seconds", "Seconds since Redis started.", info, "uptime_in_seconds"));
            families.add(new CounterMetricFamily("redis_commands_processed_total", "Commands processed.",
                    number(info, "total_commands_processed")));
            GaugeMetricFamily keys = new GaugeMetricFamily("redis_db_keys", "Keys per database.", List.of("db"));
            for (String name : info.stringPropertyNames().stream().filter(n -> n.matches("db\\d+")).sorted().toList()) {
                Matcher count = KEYS.matcher(info.getProperty(name));
                if (count.find()) {
                    keys.addMetric(List.of(name), Double.parseDouble(count.group(1)));
                }
            }
            families.add(keys);
        } catch (RuntimeException e) {
            log.warn("redis exporter: Redis does not answer: {}", e.getMessage());
            families.clear();
            up = 0;
        }
        families.addFirst(new GaugeMetricFamily("redis_up", "Whether the last scrape could read INFO from Redis (1) or not (0).", up));
        return families;
    }

    private static GaugeMetricFamily gauge(String name, String help, Properties info, String field) {
        return new GaugeMetricFamily(name, help, number(info, field));
    }

    private static double number(Properties info, String field) {
        String value = info.getProperty(field);
        if (value == null) {
            throw new IllegalStateException("INFO has no " + field);
        }
        return Double.parseDouble(value.strip());
    }
}
