package com.nexusai.server.maintenance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * §7.2 "Revue capacité, trimestriel": a report on the database (size, growth since the last review,
 * largest tables), the object store (files and backups kept) and the peaks sampled over the quarter
 * (heap, connection pool, Kafka lag), for the people who plan capacity.
 */
@Component
class CapacityReviewJob implements MaintenanceJob {

    private final JdbcClient jdbc;

    CapacityReviewJob(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "capacity-review";
    }

    @Override
    public String description() {
        return "Quarterly capacity review: database size and growth, object store use, peak heap, pool use and Kafka lag";
    }

    @Override
    public String defaultCron() {
        return "0 0 8 1 1,4,7,10 *";
    }

    @Override
    public Duration window() {
        return Duration.ZERO;
    }

    @Override
    public Outcome run(String actor) {
        long database = jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
        Long previous = jdbc.sql("""
                        select substring(summary from 'database ([0-9]+) bytes')::bigint from maintenance_runs
                        where job = 'capacity-review' and status = 'succeeded' order by started_at desc limit 1""")
                .query(Long.class).optional().orElse(null);
        List<String> tables = jdbc.sql("""
                        select relname || ' ' || pg_size_pretty(pg_total_relation_size(relid)) from pg_stat_user_tables
                        order by pg_total_relation_size(relid) desc limit 5""").query(String.class).list();
        long files = jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_files").query(Long.class).single();
        long backups = jdbc.sql("select coalesce(sum(size_bytes), 0) from backup_runs where status = 'succeeded'").query(Long.class).single();
        Map<String, Object> peaks = jdbc.sql("""
                        select max(heap_used) as heap, max(pool_active) as pool, max(kafka_lag) as lag, count(*) as samples
                        from capacity_samples where taken_at > now() - interval '92 days'""").query().singleRow();
        String growth = previous == null ? "first review" : String.format("%+.1f %% since the last review", 100.0 * (database - previous) / previous);
        return Outcome.succeeded(String.format(
                "database %d bytes (%s); largest tables: %s; object store: files %d bytes, backups %d bytes; "
                        + "peaks over the quarter (%s samples): heap %s bytes, active connections %s, Kafka lag %s",
                database, growth, String.join(", ", tables), files, backups, peaks.get("samples"), peaks.get("heap"), peaks.get("pool"),
                peaks.get("lag")));
    }
}
