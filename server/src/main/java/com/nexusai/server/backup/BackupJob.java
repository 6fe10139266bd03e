package com.nexusai.server.backup;

import java.time.Instant;
import java.util.UUID;

/**
 * A restore or a restore test of backup {@code backupId}, run in the background on the instance that took it:
 * {@code status} running, succeeded or failed; {@code step} what it is doing now; {@code bytesDone} of the dump read so
 * far out of {@code bytesTotal} (null when unknown); {@code detail} the outcome, or why it failed.
 */
public record BackupJob(UUID id, String action, UUID backupId, String status, String step, long bytesDone, Long bytesTotal,
        String detail, String requestedBy, Instant startedAt, Instant finishedAt) {

    public static final String RESTORE = "restore";
    public static final String RESTORE_TEST = "restore-test";

    public boolean running() {
        return "running".equals(status);
    }
}
