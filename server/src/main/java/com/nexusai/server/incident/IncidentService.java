package com.nexusai.server.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.diagnostics.Diagnostics;
import com.nexusai.server.events.DomainEvents;
import com.nexusai.server.sql.Columns;
import com.nexusai.server.sql.Where;
import com.nexusai.server.web.BadRequestException;
import com.nexusai.server.web.ConflictException;
import com.nexusai.server.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Incidents and their escalation (§6.3). Every action is a timeline entry and a {@code incident.*}
 * event; opening one takes a diagnostics snapshot; an incident nobody acknowledges climbs a level
 * after the configured delay (once, whichever instance sees it first).
 */
@Service
public class IncidentService {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    private static final String COLUMNS = "id, title, severity, kind, source, status, level, assignee, opened_by, opened_at, level_since, "
            + "acknowledged_at, resolved_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DomainEvents events;
    private final Contacts contacts;
    private final Diagnostics diagnostics;
    private final IncidentProperties properties;
    private final JsonMapper json;
    private final IncidentTimeline timeline;
    private final IncidentTime clock;
    private final IncidentNotifications notifications;

    IncidentService(JdbcClient jdbc, TransactionTemplate transaction, DomainEvents events, Contacts contacts, Diagnostics diagnostics,
            IncidentProperties properties, JsonMapper json, IncidentTimeline timeline, IncidentTime clock, IncidentNotifications notifications) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.clock = clock;
        this.notifications = notifications;
        this.transaction = transaction;
        this.events = events;
        this.contacts = contacts;
        this.diagnostics = diagnostics;
        this.properties = properties;
        this.json = json;
    }

    /** Opens an incident at level 1 and attaches a diagnostics snapshot. An alert source with an unresolved incident returns that one. */
    public Incident open(String title, String severity, String kind, String source, String actor) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new BadRequestException(ProblemText.of("incident.title"));
        }
        String checkedSeverity = severity == null ? "warning" : severity;
        if (!Incident.SEVERITIES.contains(checkedSeverity)) {
            throw new BadRequestException(ProblemText.of("incident.severity", Incident.SEVERITIES));
        }
        String checkedKind = kind == null ? "application" : kind;
        if (!Incident.KINDS.contains(checkedKind)) {
            throw new BadRequestException(ProblemText.of("incident.kind", Incident.KINDS));
        }
        String checkedSource = source == null || source.isBlank() ? "manual" : source.strip();
        if (checkedSource.length() > 300) {
            throw new BadRequestException(ProblemText.of("incident.source"));
        }
        UUID id = UUID.randomUUID();
        java.time.Instant openedAt = clock.now();
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("""
                                insert into incidents (id, title, severity, kind, source, status, level, opened_by, opened_at, level_since)
                                values (?, ?, ?, ?, ?, 'open', 1, ?, ?, ?)""")
                        .params(id, title.strip(), checkedSeverity, checkedKind, checkedSource, actor, Columns.timestamp(openedAt),
                                Columns.timestamp(openedAt)).update();
                entry(id, actor, "opened", ProblemText.of("timeline.opened", title.strip(), checkedSeverity, checkedKind, checkedSource));
                notifications.enqueue(id, title.strip(), checkedSeverity, checkedKind, 1, "opened");
                events.record("incident.opened", "incident", id.toString(), actor,
                        Map.of("title", title.strip(), "severity", checkedSeverity, "kind", checkedKind, "source", checkedSource));
            });
        } catch (DuplicateKeyException alreadyOpen) {
            return jdbc.sql("select " + COLUMNS + " from incidents where source = ? and status <> 'resolved'").param(checkedSource)
                    .query(IncidentService::row).single();
        }
        Thread.startVirtualThread(() -> snapshot(id, actor));
        return get(id);
    }

    /** Takes a diagnostics snapshot now and attaches it. */
    public UUID snapshot(UUID incident, String actor) {
        get(incident);
        try {
            String content = json.writeValueAsString(diagnostics.snapshot(properties.snapshotLogLines()));
            UUID id = UUID.randomUUID();
            transaction.executeWithoutResult(status -> {
                jdbc.sql("insert into incident_snapshots (id, incident_id, taken_by, content) values (?, ?, ?, ?)")
                        .params(id, incident, actor, content).update();
                entry(incident, actor, "snapshot", ProblemText.of("timeline.snapshot", id, content.length() / 1024));
            });
            return id;
        } catch (RuntimeException e) {
            log.warn("The diagnostics snapshot of incident {} failed: {}", incident, e.getMessage());
            transaction.executeWithoutResult(status -> entry(incident, actor, "snapshot-failed", e.getMessage()));
            return null;
        }
    }

    /**
     * A snapshot as stored, or, for a reader without the diagnostics rights (SUPPORT), without what those
     * rights guard: the thread dump and the health components' details.
     */
    public String snapshotContent(UUID incident, UUID snapshot, boolean diagnosticsRights) {
        String content = jdbc.sql("select content from incident_snapshots where id = ? and incident_id = ?").params(snapshot, incident)
                .query(String.class).optional().orElseThrow(() -> new NotFoundException(ProblemText.of("incident.noSnapshot", snapshot, incident)));
        if (diagnosticsRights) {
            return content;
        }
        JsonNode tree = json.readTree(content);
        if (tree instanceof ObjectNode object) {
            object.remove("threadDump");
            if (object.get("health") instanceof ObjectNode health) {
                health.properties().forEach(component -> withoutDetails(component.getValue()));
            }
            object.put("restricted", "the thread dump and health details need the DEVOPS, DEVELOPER or ADMIN role");
        }
        return json.writeValueAsString(tree);
    }

    private static void withoutDetails(JsonNode component) {
        if (component instanceof ObjectNode object) {
            if (object.has("status")) {
                object.remove("details");
            } else {
                object.properties().forEach(part -> withoutDetails(part.getValue()));
            }
        }
    }

    public Incident acknowledge(UUID id, String actor) {
        Incident incident = unresolved(id);
        if (incident.acknowledgedAt() != null && incident.status().equals("acknowledged")) {
            throw new ConflictException(ProblemText.of("incident.acknowledged", id, incident.assignee()));
        }
        change(id, actor, "acknowledged", ProblemText.of("timeline.acknowledged", incident.level(), actor),
                "update incidents set status = 'acknowledged', acknowledged_at = now(), assignee = ? where id = ?", actor, id);
        return get(id);
    }

    public Incident note(UUID id, String text, String actor) {
        if (text == null || text.isBlank() || text.length() > 10_000) {
            throw new BadRequestException(ProblemText.of("incident.note"));
        }
        get(id);
        transaction.executeWithoutResult(status -> entry(id, actor, "note", text.strip()));
        return get(id);
    }

    /** Checks item {@code index} (0-based) of the incident's current level. */
    public Incident check(UUID id, int level, int index, String actor) {
        Incident incident = unresolved(id);
        if (level < 1 || level > incident.level()) {
            throw new BadRequestException(ProblemText.of("incident.checkLevel", incident.level()));
        }
        List<Checklists.Item> items = Checklists.level(level).items();
        if (index < 0 || index >= items.size()) {
            throw new BadRequestException(ProblemText.of("incident.checkItem", level, items.size() - 1));
        }
        transaction.executeWithoutResult(status -> entry(id, actor, "checked", level + "." + index + " " + items.get(index).en()));
        return get(id);
    }

    /** Escalates by hand to the next level (DEVOPS and above). */
    public Incident escalate(UUID id, String reason, String actor) {
        Incident incident = unresolved(id);
        if (incident.level() >= 3) {
            throw new ConflictException(ProblemText.of("incident.topLevel", id));
        }
        int next = incident.level() + 1;
        change(id, actor, "escalated", reason == null || reason.isBlank() ? ProblemText.of("timeline.escalated", incident.level(), next)
                        : ProblemText.of("timeline.escalated.why", incident.level(), next, reason.strip()),
                "update incidents set status = 'escalated', level = level + 1, level_since = ?, assignee = null, acknowledged_at = null where id = ?",
                Columns.timestamp(clock.now()), id);
        transaction.executeWithoutResult(status -> notifications.enqueue(id, incident.title(), incident.severity(), incident.kind(), next, "escalated"));
        return get(id);
    }

    public Incident resolve(UUID id, String resolution, String actor) {
        unresolved(id);
        if (resolution == null || resolution.isBlank()) {
            throw new BadRequestException(ProblemText.of("incident.resolution"));
        }
        change(id, actor, "resolved", ProblemText.of("timeline.text", resolution.strip()), "update incidents set status = 'resolved', resolved_at = now() where id = ?", id);
        return get(id);
    }

    /** Incidents nobody acknowledged at their level for the configured delay climb one level: one update decides, so each climbs once. */
    @Scheduled(fixedDelayString = "${nexusai.incidents.escalation-check:PT30S}", initialDelayString = "PT5S")
    void escalateUnacknowledged() {
        for (int level = 1; level <= 2; level++) {
            int from = level;
            java.time.Instant now = clock.now();
            java.time.Instant before = now.minus(properties.escalateAfter(level));
            try {
                transaction.executeWithoutResult(status -> {
                    List<UUID> climbed = jdbc.sql("""
                                    update incidents set status = 'escalated', level = level + 1, level_since = ?, assignee = null,
                                        acknowledged_at = null
                                    where status in ('open', 'escalated') and level = ? and level_since < ? returning id""")
                            .params(Columns.timestamp(now), from, Columns.timestamp(before)).query((rs, n) -> rs.getObject("id", UUID.class)).list();
                    for (UUID id : climbed) {
                        Incident climbedIncident = get(id);
                        notifications.enqueue(id, climbedIncident.title(), climbedIncident.severity(), climbedIncident.kind(), from + 1,
                                "not acknowledged");
                        entry(id, "escalation", "escalated", ProblemText.of("timeline.escalated.auto", from, from + 1,
                                properties.escalateAfter(from).toMinutes()));
                        events.record("incident.escalated", "incident", id.toString(), "escalation", Map.of("level", from + 1, "automatic", true));
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Automatic escalation could not run: {}", e.getMessage());
                return;
            }
        }
    }

    public Incident get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from incidents where id = ?").param(id).query(IncidentService::row).optional()
                .orElseThrow(() -> new NotFoundException(ProblemText.of("incident.none", id)));
    }

    /** The incident with its timeline, checklist, reachable contacts and snapshots; what the server words is said in {@code language}. */
    public Incident.Details details(UUID id, Locale language) {
        Incident incident = get(id);
        List<Incident.Entry> timeline = jdbc.sql("""
                        select id, at, actor, action, detail, detail_key, detail_args from incident_timeline where incident_id = ? order by id""")
                .param(id).query((rs, n) -> new Incident.Entry(rs.getLong("id"), Columns.instant(rs, "at"), rs.getString("actor"),
                        rs.getString("action"), said(rs, language))).list();
        List<Incident.ChecklistItem> checklist = new ArrayList<>();
        for (int level = 1; level <= incident.level(); level++) {
            List<Checklists.Item> items = Checklists.level(level).items();
            for (int index = 0; index < items.size(); index++) {
                String key = level + "." + index + " ";
                Incident.Entry checked = timeline.stream().filter(e -> e.action().equals("checked") && e.detail().startsWith(key))
                        .reduce((first, second) -> second).orElse(null);
                checklist.add(new Incident.ChecklistItem(level, index, items.get(index).fr(), items.get(index).en(), checked != null,
                        checked == null ? null : checked.actor(), checked == null ? null : checked.at()));
            }
        }
        ZonedDateTime now = clock.local();
        List<Contact> reachable = contacts.reachable(incident.level(), incident.kind(), now);
        String reachability = (reachable.isEmpty()
                ? ProblemText.of("incident.nobodyReachable", incident.level(), incident.kind(), now.toLocalTime().withNano(0), properties.zone(),
                        String.join(", ", contacts.covering(incident.level(), incident.kind()).stream()
                                .map(c -> c.role() + " <" + c.email() + "> " + c.days() + " " + c.startTime() + "-" + c.endTime()).toList()))
                : ProblemText.of("incident.reachable", reachable.size())).in(language);
        List<Incident.SnapshotInfo> snapshots = jdbc.sql("select id, taken_at, taken_by from incident_snapshots where incident_id = ? order by taken_at")
                .param(id).query((rs, n) -> new Incident.SnapshotInfo(rs.getObject("id", UUID.class), Columns.instant(rs, "taken_at"), rs.getString("taken_by")))
                .list();
        return new Incident.Details(incident, timeline, checklist, reachable, reachability, snapshots);
    }

    public List<Incident> list(String status, Integer level, int limit) {
        Where where = new Where().and("status = ?", status).and("level = ?", level);
        return jdbc.sql("select " + COLUMNS + " from incidents" + where.sql() + " order by opened_at desc limit ?")
                .params(where.params(limit)).query(IncidentService::row).list();
    }

    private Incident unresolved(UUID id) {
        Incident incident = get(id);
        if (incident.status().equals("resolved")) {
            throw new ConflictException(ProblemText.of("incident.resolved", id));
        }
        return incident;
    }

    private void change(UUID id, String actor, String action, ProblemText detail, String sql, Object... params) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql(sql).params(params).update();
            entry(id, actor, action, detail);
            events.record("incident." + action, "incident", id.toString(), actor, Map.of("detail", detail.english()));
        });
    }

    private void entry(UUID id, String actor, String action, String detail) {
        timeline.write(id, actor, action, detail);
    }

    private void entry(UUID id, String actor, String action, ProblemText detail) {
        timeline.write(id, actor, action, detail);
    }

    /** An entry's detail in {@code language} when the server worded it (entries from before V10 have only their English). */
    private static String said(ResultSet rs, Locale language) throws SQLException {
        String key = rs.getString("detail_key");
        java.sql.Array args = rs.getArray("detail_args");
        if (key == null || args == null) {
            return rs.getString("detail");
        }
        return new ProblemText(key, List.<Object>of((Object[]) args.getArray())).in(language);
    }

    private static Incident row(ResultSet rs, int n) throws SQLException {
        return new Incident(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("severity"), rs.getString("kind"),
                rs.getString("source"), rs.getString("status"), rs.getInt("level"), rs.getString("assignee"), rs.getString("opened_by"),
                Columns.instant(rs, "opened_at"), Columns.instant(rs, "level_since"), Columns.instant(rs, "acknowledged_at"), Columns.instant(rs, "resolved_at"));
    }

}
