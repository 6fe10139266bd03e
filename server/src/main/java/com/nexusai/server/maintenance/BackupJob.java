package com.nexusai.server.maintenance;

import java.time.Duration;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;

import com.nexusai.server.backup.BackupKind;
import com.nexusai.server.backup.BackupRun;
import com.nexusai.server.backup.BackupService;
import org.springframework.stereotype.Component;

/** §7.2 "Backup complet, quotidien, 02:00-04:00": PostgreSQL then Redis. */
@Component
class BackupJob implements MaintenanceJob {

    private final BackupService backups;

    BackupJob(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String description() {
        return "Full backup: PostgreSQL (pg_dump) and Redis (snapshot) to the nexusai-backups bucket";
    }

    @Override
    public String defaultCron() {
        return "0 0 2 * * *";
    }

    @Override
    public Duration window() {
        return Duration.ofHours(2);
    }

    /** The dump and its upload load the host and the database. */
    @Override
    public Set<String> silences() {
        return Set.of("HighCpuUsage", "HighLatency");
    }

    @Override
    public Duration maxDuration() {
        return Duration.ofHours(4);
    }

    @Override
    public Outcome run(String actor) {
        List<String> parts = new ArrayList<>();
        boolean failed = false;
        for (BackupKind kind : BackupKind.values()) {
            BackupRun run = backups.run(kind, "scheduled", actor);
            failed |= !run.succeeded();
            parts.add(kind.id() + " " + run.status() + (run.succeeded() ? " (" + run.sizeBytes() + " bytes, " + run.id() + ")" : ": " + run.error()));
        }
        String summary = String.join("; ", parts);
        if (failed) {
            throw new IllegalStateException(summary);
        }
        return Outcome.succeeded(summary);
    }
}
