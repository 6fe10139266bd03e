package com.nexusai.server.backup;

import java.time.Instant;
import java.util.UUID;

/**
 * One backup run. {@code bytesSoFar} is the live count while it runs (null when it is not running
 * on the node that answers); {@code tableCounts} is JSON of every table's rows in the dump's snapshot;
 * {@code source} where a PostgreSQL dump read from (the replica, or the primary and why).
 */
public record BackupRun(UUID id, String kind, String trigger, String requestedBy, String node, Instant startedAt,
        Instant finishedAt, String status, Long sizeBytes, String sha256, String objectKey, String error, String tableCounts,
        String verification, Instant verifiedAt, String verificationDetail, String source, Long bytesSoFar) {

    BackupRun withBytesSoFar(Long bytes) {
        return new BackupRun(id, kind, trigger, requestedBy, node, startedAt, finishedAt, status, sizeBytes, sha256, objectKey, error,
                tableCounts, verification, verifiedAt, verificationDetail, source, bytes);
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }
}
