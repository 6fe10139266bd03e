package com.nexusai.core.backups;

import java.time.Instant;
import java.util.Locale;

/**
 * One backup run as the server reports it ({@code GET /api/admin/backups}).
 *
 * @param sizeBytes the stored size once succeeded, else null
 * @param bytesSoFar what has been read so far while it runs, else null
 * @param verification the restore check's outcome ({@code verified}, {@code failed}) or null while not checked
 * @param source where a PostgreSQL dump was read (the replica, or the primary with the reason)
 */
public record Backup(String id, String kind, Status status, Instant startedAt, Long sizeBytes, Long bytesSoFar, String verification,
        String source, String error) {

    public enum Status {
        RUNNING, SUCCEEDED, FAILED, UNKNOWN;

        public static Status of(String text) {
            try {
                return text == null ? UNKNOWN : valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
    }

    public boolean running() {
        return status == Status.RUNNING;
    }
}
