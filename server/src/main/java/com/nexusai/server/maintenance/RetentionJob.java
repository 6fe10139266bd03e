package com.nexusai.server.maintenance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes what the retention settings no longer keep, table by table, in batches of {@code batch-size} rows,
 * each its own short transaction (autocommit): no long lock, and the job can stop between batches. It runs
 * from the calendar, so once per night across instances. The summary counts what went from each table.
 */
@Component
class RetentionJob implements MaintenanceJob {

    /** One table's rule: rows whose {@code timeColumn} is older than {@code keep}, and {@code condition} holds. */
    record Rule(String table, String timeColumn, String condition, Duration keep) {
    }

    private final JdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionJob(JdbcTemplate jdbc, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    List<Rule> rules() {
        return List.of(
                new Rule("outbox_events", "published_at", "published_at is not null", properties.publishedOutbox()),
                new Rule("events", "occurred_at", "true", properties.events()),
                new Rule("security_events", "occurred_at", "true", properties.securityEvents()),
                new Rule("ai_conversations", "updated_at", "true", properties.chatConversations()),
                new Rule("incident_snapshots", "taken_at", "incident_id in (select id from incidents where status = 'resolved')",
                        properties.incidentSnapshots()),
                new Rule("maintenance_runs", "started_at", "status not in ('running', 'to-do')", properties.maintenanceRuns()),
                new Rule("capacity_samples", "taken_at", "true", properties.capacitySamples()),
                new Rule("alert_episodes", "resolved_at", "state = 'resolved'", properties.alertHistory()),
                new Rule("alert_silences", "until", "true", properties.alertHistory()),
                new Rule("incident_notifications", "created_at", "status <> 'pending'", properties.notifications()));
    }

    @Override
    public String name() {
        return "retention";
    }

    @Override
    public String description() {
        return "Deletes rows older than the retention settings (nexusai.retention.*), in small batches";
    }

    @Override
    public String defaultCron() {
        return "0 30 4 * * *";
    }

    @Override
    public Duration window() {
        return Duration.ZERO;
    }

    @Override
    public Outcome run(String actor) {
        long started = System.nanoTime();
        List<String> parts = new ArrayList<>();
        long total = 0;
        int batches = 0;
        for (Rule rule : rules()) {
            if (rule.keep().isZero() || rule.keep().isNegative()) {
                parts.add(rule.table() + " kept for ever");
                continue;
            }
            Timestamp cutoff = Timestamp.from(clock.instant().minus(rule.keep()));
            // ctid: the physical row, so that one statement form serves every table whatever its key
            String delete = "delete from " + rule.table() + " where ctid in (select ctid from " + rule.table() + " where "
                    + rule.timeColumn() + " < ? and " + rule.condition() + " limit " + properties.batchSize() + ")";
            long deleted = 0;
            int count;
            do {
                count = jdbc.update(delete, cutoff);
                deleted += count;
                batches++;
            } while (count == properties.batchSize());
            total += deleted;
            parts.add(rule.table() + " " + deleted + " (older than " + days(rule.keep()) + ")");
        }
        return Outcome.succeeded(String.format("%d rows deleted in %d batches, %.1f s: %s", total, batches,
                (System.nanoTime() - started) / 1e9, String.join(", ", parts)));
    }

    private static String days(Duration keep) {
        return keep.toDays() >= 1 && keep.toHours() % 24 == 0 ? keep.toDays() + " d" : keep.toString();
    }
}
