package com.nexusai.server.exporters;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * postgres-exporter's core series, read from PostgreSQL at each scrape: {@code pg_up}, {@code
 * pg_database_size_bytes{datname}}, {@code pg_stat_activity_count{datname,state}} and {@code
 * pg_settings_max_connections}, and replication as the primary sees it: {@code
 * pg_stat_replication_pg_wal_lsn_diff{application_name,client_addr,state}} (WAL bytes each standby has not
 * replayed) and {@code pg_replication_lag_seconds} (the furthest behind: seconds since its last report while
 * bytes are pending, else 0). When PostgreSQL does not answer, only {@code pg_up 0}.
 */
final class PostgresCollector extends Collector {

    private static final Logger log = LoggerFactory.getLogger(PostgresCollector.class);

    private final JdbcTemplate jdbc;

    PostgresCollector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        double up = 1;
        try {
            GaugeMetricFamily size = new GaugeMetricFamily("pg_database_size_bytes", "Disk space used by the database.", List.of("datname"));
            jdbc.query("select datname, pg_database_size(datname) from pg_database where datallowconn",
                    row -> { size.addMetric(List.of(row.getString(1)), row.getLong(2)); });
            GaugeMetricFamily activity = new GaugeMetricFamily("pg_stat_activity_count",
                    "Client connections by database and state.", List.of("datname", "state"));
            jdbc.query("select coalesce(datname, ''), coalesce(state, 'unknown'), count(*) from pg_stat_activity"
                    + " where backend_type = 'client backend' group by 1, 2 order by 1, 2",
                    row -> { activity.addMetric(List.of(row.getString(1), row.getString(2)), row.getLong(3)); });
            GaugeMetricFamily maxConnections = new GaugeMetricFamily("pg_settings_max_connections",
                    "The max_connections setting.", jdbc.queryForObject("select setting::bigint from pg_settings where name = 'max_connections'", Long.class));
            GaugeMetricFamily walBehind = new GaugeMetricFamily("pg_stat_replication_pg_wal_lsn_diff",
                    "WAL bytes a standby has not replayed yet.", List.of("application_name", "client_addr", "state"));
            double[] lag = {0};
            jdbc.query("""
                    select application_name, coalesce(host(client_addr), 'local'), coalesce(state, 'unknown'),
                           coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint,
                           case when pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) > 0 then extract(epoch from now() - reply_time) else 0 end
                    from pg_stat_replication where application_name <> 'pg_basebackup'""", row -> {
                walBehind.addMetric(List.of(row.getString(1), row.getString(2), row.getString(3)), row.getLong(4));
                lag[0] = Math.max(lag[0], row.getDouble(5));
            });
            families.addAll(List.of(size, activity, maxConnections, walBehind,
                    new GaugeMetricFamily("pg_replication_lag_seconds", "Seconds the furthest standby is behind (0: caught up).", lag[0])));
        } catch (RuntimeException e) {
            log.warn("postgres exporter: PostgreSQL does not answer: {}", e.getMessage());
            families.clear();
            up = 0;
        }
        families.addFirst(new GaugeMetricFamily("pg_up", "Whether the last scrape could query PostgreSQL (1) or not (0).", up));
        return families;
    }
}
