package com.nexusai.server.exporters;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nexusai.server.platform.redis.RedisReplicationInfo;
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
 * redis_uptime_in_seconds}, {@code redis_commands_processed_total}, {@code redis_evicted_keys_total} and {@code redis_db_keys{db}}, and
 * replication: {@code redis_instance_info{role}}, {@code redis_connected_slaves}, {@code redis_master_repl_offset},
 * {@code redis_connected_slave_offset_bytes} and {@code redis_connected_slave_lag_seconds} (labels slave_ip,
 * slave_port, slave_state), {@code redis_master_link_up} on a replica. When Redis does not answer, only {@code
 * redis_up 0}.
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
            families.add(new CounterMetricFamily("redis_evicted_keys_total", "Keys dropped to stay within maxmemory.",
                    number(info, "evicted_keys")));
            GaugeMetricFamily keys = new GaugeMetricFamily("redis_db_keys", "Keys per database.", List.of("db"));
            for (String name : info.stringPropertyNames().stream().filter(n -> n.matches("db\\d+")).sorted().toList()) {
                Matcher count = KEYS.matcher(info.getProperty(name));
                if (count.find()) {
                    keys.addMetric(List.of(name), Double.parseDouble(count.group(1)));
                }
            }
            families.add(keys);
            families.addAll(replication(RedisReplicationInfo.of(info)));
        } catch (RuntimeException e) {
            log.warn("redis exporter: Redis does not answer: {}", e.getMessage());
            families.clear();
            up = 0;
        }
        families.addFirst(new GaugeMetricFamily("redis_up", "Whether the last scrape could read INFO from Redis (1) or not (0).", up));
        return families;
    }

    private static List<MetricFamilySamples> replication(RedisReplicationInfo replication) {
        GaugeMetricFamily role = new GaugeMetricFamily("redis_instance_info", "The server's role in replication.", List.of("role"));
        role.addMetric(List.of(replication.master() ? "master" : replication.role().equals("slave") ? "slave" : replication.role()), 1);
        List<String> labels = List.of("slave_ip", "slave_port", "slave_state");
        GaugeMetricFamily offsets = new GaugeMetricFamily("redis_connected_slave_offset_bytes", "The offset a replica acknowledged.", labels);
        GaugeMetricFamily lags = new GaugeMetricFamily("redis_connected_slave_lag_seconds", "Seconds since a replica's last acknowledgement.", labels);
        for (RedisReplicationInfo.Replica replica : replication.replicas()) {
            int colon = replica.address().lastIndexOf(':');
            List<String> values = List.of(replica.address().substring(0, colon), replica.address().substring(colon + 1), replica.state());
            offsets.addMetric(values, replica.offset());
            lags.addMetric(values, replica.lagSeconds());
        }
        List<MetricFamilySamples> families = new ArrayList<>(List.of(role,
                new GaugeMetricFamily("redis_connected_slaves", "Replicas connected to this master.", replication.replicas().size()),
                new GaugeMetricFamily("redis_master_repl_offset", "The server's replication offset.", replication.masterReplOffset()), offsets, lags));
        if (!replication.master()) {
            families.add(new GaugeMetricFamily("redis_master_link_up", "Whether a replica's link to its master is up.", replication.masterLinkUp() ? 1 : 0));
        }
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
