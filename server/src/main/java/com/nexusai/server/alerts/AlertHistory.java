package com.nexusai.server.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.server.sql.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert engine's state in PostgreSQL, shared by the instances and kept across restarts: each alert is an
 * episode (pending, firing, resolved) with every transition and the value that made it. Each instance records the
 * alerts of its own metrics; a restarted instance carries on the episodes it left open.
 */
@Component
public class AlertHistory {

    /** One alert from pending to resolved; {@code instance} is the server that evaluates it. */
    public record Episode(UUID id, String rule, String instance, Map<String, String> labels, String severity, String summary, String state,
            double value, Instant startedAt, Instant firingAt, Instant resolvedAt, Instant seenAt, Acknowledgement acknowledged) {

        boolean resolved() {
            return "resolved".equals(state);
        }
    }

    public record Acknowledgement(String by, Instant at, String comment) {
    }

    /** A change of an episode's state. */
    public record Transition(long id, UUID episodeId, String rule, String instance, Map<String, String> labels, String severity, String state,
            double value, Instant at) {
    }

    private static final String EPISODE = """
            select id, rule, instance, labels, severity, summary, state, value, started_at, firing_at, resolved_at, seen_at,
                   acknowledged_by, acknowledged_at, ack_comment from alert_episodes""";
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    AlertHistory(JdbcClient jdbc, TransactionTemplate transaction, JsonMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    /**
     * Records what the engine found on {@code instance} at {@code now}: a new alert opens an episode, a pending one that
     * fires moves on, an open episode no longer found is resolved. Returns the episodes that changed state.
     */
    List<Transition> record(String instance, List<AlertEngine.Alert> active, Instant now) {
        return record(instance, active, now, null);
    }

    /**
     * The same for the alerts of one {@code rule} only (null: every rule): what another instance says of {@code instance}
     * (InstanceDown) leaves that instance's own alerts alone.
     */
    List<Transition> record(String instance, List<AlertEngine.Alert> active, Instant now, String rule) {
        return transaction.execute(status -> {
            Map<String, Episode> open = new HashMap<>();
            jdbc.sql(EPISODE + " where instance = ? and state <> 'resolved' and (cast(? as varchar) is null or rule = ?) for update")
                    .params(instance, rule, rule).query(this::episodeRow).list()
                    .forEach(episode -> open.put(series(episode.rule(), episode.labels()), episode));
            List<Transition> changed = new java.util.ArrayList<>();
            for (AlertEngine.Alert alert : active) {
                String state = alert.state() == AlertEngine.State.FIRING ? "firing" : "pending";
                Episode known = open.remove(series(alert.name(), alert.labels()));
                if (known == null) {
                    UUID id = UUID.randomUUID();
                    jdbc.sql("""
                                    insert into alert_episodes (id, rule, instance, series, labels, severity, summary, state, value, started_at,
                                        firing_at, seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                            .params(id, alert.name(), instance, series(alert.name(), alert.labels()), json.writeValueAsString(alert.labels()),
                                    alert.severity(), alert.summary(), state, alert.value(), Columns.timestamp(alert.activeSince()),
                                    state.equals("firing") ? Columns.timestamp(now) : null, Columns.timestamp(now))
                            .update();
                    changed.add(transition(id, alert.name(), instance, alert.labels(), alert.severity(), state, alert.value(), now));
                } else if (known.state().equals("pending") && state.equals("firing")) {
                    jdbc.sql("update alert_episodes set state = 'firing', firing_at = ?, value = ?, seen_at = ? where id = ?")
                            .params(Columns.timestamp(now), alert.value(), Columns.timestamp(now), known.id()).update();
                    changed.add(transition(known.id(), known.rule(), instance, known.labels(), known.severity(), "firing", alert.value(), now));
                } else {
                    // a restarted engine says pending again while the episode already fired: it stays firing
                    jdbc.sql("update alert_episodes set value = ?, seen_at = ? where id = ?")
                            .params(alert.value(), Columns.timestamp(now), known.id()).update();
                }
            }
            for (Episode gone : open.values()) {
                jdbc.sql("update alert_episodes set state = 'resolved', resolved_at = ?, seen_at = ? where id = ?")
                        .params(Columns.timestamp(now), Columns.timestamp(now), gone.id()).update();
                changed.add(transition(gone.id(), gone.rule(), instance, gone.labels(), gone.severity(), "resolved", gone.value(), now));
            }
            return changed;
        });
    }

    private Transition transition(UUID episode, String rule, String instance, Map<String, String> labels, String severity, String state,
            double value, Instant at) {
        long id = jdbc.sql("insert into alert_transitions (episode_id, rule, instance, state, value, at) values (?, ?, ?, ?, ?, ?) returning id")
                .params(episode, rule, instance, state, value, Columns.timestamp(at)).query(Long.class).single();
        return new Transition(id, episode, rule, instance, labels, severity, state, value, at);
    }

    /** Every instance's open episodes, the newest first. */
    public List<Episode> open() {
        return jdbc.sql(EPISODE + " where state <> 'resolved' order by started_at desc").query(this::episodeRow).list();
    }

    Optional<Episode> episode(UUID id) {
        return jdbc.sql(EPISODE + " where id = ?").param(id).query(this::episodeRow).optional();
    }

    /** The transitions between {@code since} and {@code until}, the newest first; {@code rule} and {@code instance} narrow them when not null. */
    public List<Transition> history(Instant since, Instant until, String rule, String instance, int limit) {
        return jdbc.sql("""
                        select t.id, t.episode_id, t.rule, t.instance, e.labels, e.severity, t.state, t.value, t.at
                        from alert_transitions t join alert_episodes e on e.id = t.episode_id
                        where t.at >= ? and t.at < ? and (cast(? as varchar) is null or t.rule = ?)
                          and (cast(? as varchar) is null or t.instance = ? or e.labels like ?)
                        order by t.at desc, t.id desc limit ?""")
                .params(Columns.timestamp(since), Columns.timestamp(until), rule, rule, instance, instance,
                        instance == null ? null : "%\"instance\":" + json.writeValueAsString(instance) + "%", limit)
                .query((rs, n) -> new Transition(rs.getLong("id"), rs.getObject("episode_id", UUID.class), rs.getString("rule"),
                        rs.getString("instance"), labels(rs.getString("labels")), rs.getString("severity"), rs.getString("state"),
                        rs.getDouble("value"), Columns.instant(rs, "at")))
                .list();
    }

    /** Acknowledges an open episode; false when it is resolved or unknown. */
    boolean acknowledge(UUID id, String by, String comment, Instant at) {
        return jdbc.sql("""
                        update alert_episodes set acknowledged_by = ?, acknowledged_at = ?, ack_comment = ?
                        where id = ? and state <> 'resolved'""")
                .params(by, Columns.timestamp(at), comment, id).update() == 1;
    }

    private Episode episodeRow(ResultSet rs, int row) throws SQLException {
        String by = rs.getString("acknowledged_by");
        return new Episode(rs.getObject("id", UUID.class), rs.getString("rule"), rs.getString("instance"), labels(rs.getString("labels")),
                rs.getString("severity"), rs.getString("summary"), rs.getString("state"), rs.getDouble("value"),
                Columns.instant(rs, "started_at"), Columns.instant(rs, "firing_at"), Columns.instant(rs, "resolved_at"),
                Columns.instant(rs, "seen_at"),
                by == null ? null : new Acknowledgement(by, Columns.instant(rs, "acknowledged_at"), rs.getString("ack_comment")));
    }

    private Map<String, String> labels(String text) {
        return json.readValue(text, LABELS);
    }

    /** What identifies an alert across evaluations and restarts: its rule and its labels, in order. */
    static String series(String rule, Map<String, String> labels) {
        return rule + new TreeMap<>(labels);
    }
}
