package com.nexusai.core.incidents;

import java.time.Instant;
import java.util.List;

/**
 * One incident with what support needs to work it: who can be reached now (§8 hours), the checklist of each level
 * reached, the timeline and the diagnostics snapshots.
 */
public record IncidentDetails(Incident incident, String reachability, List<Contact> reachableNow, List<ChecklistItem> checklist,
        List<TimelineEntry> timeline, List<Snapshot> snapshots) {

    public record Contact(String role, String email, String days, String startTime, String endTime) {
    }

    /** A step of a level's checklist, in French and English; who ticked it and when, if someone did. */
    public record ChecklistItem(int level, int index, String fr, String en, boolean checked, String checkedBy, Instant checkedAt) {
    }

    public record TimelineEntry(Instant at, String actor, String action, String detail) {
    }

    public record Snapshot(String id, Instant takenAt, String takenBy) {
    }
}
