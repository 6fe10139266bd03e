package com.nexusai.server.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident: what, how bad, from where, where it stands, at which level, and who has it. */
public record Incident(UUID id, String title, String severity, String kind, String source, String status, int level, String assignee,
        String openedBy, Instant openedAt, Instant levelSince, Instant acknowledgedAt, Instant resolvedAt) {

    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    public static final List<String> KINDS = List.of("application", "database", "security", "infrastructure");

    /** One entry of the timeline. */
    public record Entry(long id, Instant at, String actor, String action, String detail) {
    }

    /** A checklist item of a level and whether it was checked (by whom, when). */
    public record ChecklistItem(int level, int index, String fr, String en, boolean checked, String checkedBy, Instant checkedAt) {
    }

    /** An incident with everything about it. */
    public record Details(Incident incident, List<Entry> timeline, List<ChecklistItem> checklist, List<Contact> reachableNow,
            String reachability, List<SnapshotInfo> snapshots) {
    }

    public record SnapshotInfo(UUID id, Instant takenAt, String takenBy) {
    }
}
