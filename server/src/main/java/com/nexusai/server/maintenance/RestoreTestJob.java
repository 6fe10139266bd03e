package com.nexusai.server.maintenance;

import java.time.Duration;
import java.util.Set;

import com.nexusai.server.backup.BackupKind;
import com.nexusai.server.backup.BackupRun;
import com.nexusai.server.backup.BackupService;
import org.springframework.stereotype.Component;

/** A backup is only as good as its restore: the newest PostgreSQL backup restored into a scratch database and compared, daily after the backup window. */
@Component
class RestoreTestJob implements MaintenanceJob {

    private final BackupService backups;

    RestoreTestJob(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public String name() {
        return "restore-test";
    }

    @Override
    public String description() {
        return "Restore test: the newest PostgreSQL backup restored into a scratch database, every table's rows compared";
    }

    @Override
    public String defaultCron() {
        return "0 30 4 * * *";
    }

    @Override
    public Duration window() {
        return Duration.ofMinutes(30);
    }

    /** The restore into a scratch database loads the host. */
    @Override
    public Set<String> silences() {
        return Set.of("HighCpuUsage");
    }

    @Override
    public Outcome run(String actor) {
        BackupRun newest = backups.lastGood(BackupKind.POSTGRES);
        if (newest == null) {
            throw new IllegalStateException("there is no successful PostgreSQL backup to test");
        }
        BackupRun verified = backups.verify(newest.id());
        String summary = "backup " + newest.id() + ": " + verified.verification() + " — " + verified.verificationDetail();
        if (!"verified".equals(verified.verification())) {
            throw new IllegalStateException(summary);
        }
        return Outcome.succeeded(summary);
    }
}
