package com.nexusai.core.backups;

/**
 * A restore or restore test the server runs in the background ({@code /api/admin/backups/jobs/{id}}).
 *
 * @param action {@code restore} or {@code restore-test}
 * @param step what it is doing now (pg_restore, counting rows...)
 * @param bytesDone the bytes of the dump read so far
 * @param bytesTotal the dump's size, or null when unknown
 * @param detail how it ended: the outcome, or why it failed
 */
public record BackupJob(String id, String action, String backupId, Backup.Status status, String step, long bytesDone, Long bytesTotal,
        String detail) {

    public boolean running() {
        return status == Backup.Status.RUNNING;
    }

    /** How far, from 0 to 1; -1 when the size is unknown. */
    public double fraction() {
        return bytesTotal == null || bytesTotal <= 0 ? -1 : Math.min(1, (double) bytesDone / bytesTotal);
    }
}
