package com.nexusai.server.alerts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nexusai.server.maintenance.MaintenanceCalendar;
import com.nexusai.server.sql.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What keeps an alert quiet: a silence a person set (kept in PostgreSQL, so every console and instance sees it, with
 * who, why and until when), or a maintenance window of the calendar that names the alert's rule while it runs. A
 * silenced alert is still evaluated, recorded and listed; it opens no incident and notifies nobody.
 */
@Component
class AlertSilences {

    /** {@code instance} null: every instance. */
    record Silence(UUID id, String rule, String instance, Instant until, String reason, String createdBy, Instant createdAt) {

        boolean covers(String alertRule, Map<String, String> labels) {
            return rule.equals(alertRule) && (instance == null || instance.equals(labels.get("instance")));
        }
    }

    /** Why an alert is quiet now: {@code kind} silence (its id) or maintenance (the job), until when, and why. */
    record Silenced(String kind, String id, Instant until, String reason, String by) {
    }

    private final JdbcClient jdbc;
    private final MaintenanceCalendar calendar;

    AlertSilences(JdbcClient jdbc, MaintenanceCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    Silence add(String rule, String instance, Instant until, String reason, String by, Instant now) {
        UUID id = UUID.randomUUID();
        // as PostgreSQL keeps them (microseconds), so that the answer and every later read agree
        Instant ends = until.truncatedTo(ChronoUnit.MICROS);
        Instant created = now.truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("insert into alert_silences (id, rule, instance, until, reason, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, rule, instance, Columns.timestamp(ends), reason, by, Columns.timestamp(created)).update();
        return new Silence(id, rule, instance, ends, reason, by, created);
    }

    /** The silences not lifted that have not ended at {@code now}, the one ending last first. */
    List<Silence> active(Instant now) {
        return jdbc.sql("""
                        select id, rule, instance, until, reason, created_by, created_at from alert_silences
                        where lifted_at is null and until > ? order by until desc""")
                .param(Columns.timestamp(now))
                .query((rs, n) -> new Silence(rs.getObject("id", UUID.class), rs.getString("rule"), rs.getString("instance"),
                        Columns.instant(rs, "until"), rs.getString("reason"), rs.getString("created_by"), Columns.instant(rs, "created_at")))
                .list();
    }

    /** Lifts a silence before its end; false when there is no such silence still on. */
    boolean lift(UUID id, String by, Instant now) {
        return jdbc.sql("update alert_silences set lifted_by = ?, lifted_at = ? where id = ? and lifted_at is null and until > ?")
                .params(by, Columns.timestamp(now), id, Columns.timestamp(now)).update() == 1;
    }

    /** What silences an alert of {@code rule} with {@code labels} at {@code now}, if anything: the silence or window ending last. */
    Optional<Silenced> of(String rule, Map<String, String> labels, Instant now) {
        return of(rule, labels, active(now), windows(now));
    }

    /** The maintenance windows open at {@code now} that silence some rule. */
    List<MaintenanceCalendar.OpenWindow> windows(Instant now) {
        return calendar.openWindows(now);
    }

    static Optional<Silenced> of(String rule, Map<String, String> labels, List<Silence> silences, List<MaintenanceCalendar.OpenWindow> windows) {
        Optional<Silenced> bySomeone = silences.stream().filter(s -> s.covers(rule, labels)).max(Comparator.comparing(Silence::until))
                .map(s -> new Silenced("silence", s.id().toString(), s.until(), s.reason(), s.createdBy()));
        Optional<Silenced> byWindow = windows.stream().filter(w -> w.silences().contains(rule)).max(Comparator.comparing(MaintenanceCalendar.OpenWindow::end))
                .map(w -> new Silenced("maintenance", w.job(), w.end(), "maintenance window: " + w.job(), "calendar"));
        return bySomeone.isEmpty() ? byWindow : byWindow.isEmpty() ? bySomeone
                : Optional.of(bySomeone.get().until().isAfter(byWindow.get().until()) ? bySomeone.get() : byWindow.get());
    }
}
