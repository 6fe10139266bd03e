package com.nexusai.core.maintenance;

import java.time.Instant;

/**
 * One run of a maintenance job. {@code status} {@value #TO_DO} is a manual step of the guide waiting for someone to
 * do it and mark it done ({@code doneBy}, {@code doneAt}).
 */
public record MaintenanceRun(String id, String job, Instant startedAt, String status, String requestedBy, String trigger, String node,
        String summary, String doneBy, Instant doneAt) {

    public static final String TO_DO = "to-do";

    public boolean toDo() {
        return TO_DO.equals(status);
    }

    /** Who asked for it, or what started it (the calendar). */
    public String startedBy() {
        return requestedBy != null && !requestedBy.isBlank() ? requestedBy : trigger;
    }
}
