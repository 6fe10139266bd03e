package com.nexusai.core.incidents;

import java.time.Instant;
import java.util.Locale;

/** An incident as the server reports it: its escalation level (guide §6.3), its state and who holds it. */
public record Incident(String id, String title, String severity, String kind, String source, Status status, int level, String assignee,
        String openedBy, Instant openedAt, Instant acknowledgedAt) {

    /** The highest level of the guide's escalation. */
    public static final int TOP_LEVEL = 3;

    public enum Status {
        OPEN, ACKNOWLEDGED, ESCALATED, RESOLVED, UNKNOWN;

        public static Status of(String text) {
            try {
                return text == null ? UNKNOWN : valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }

        /** As the server and the filters spell it. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean resolved() {
        return status == Status.RESOLVED;
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
