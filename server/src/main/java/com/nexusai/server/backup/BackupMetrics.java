package com.nexusai.server.backup;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per kind, from the database (so every instance shows every instance's runs):
 * {@code nexusai_backup_last_success_timestamp_seconds}, {@code nexusai_backup_last_duration_seconds},
 * {@code nexusai_backup_last_size_bytes}, {@code nexusai_backup_last_verified_timestamp_seconds},
 * {@code nexusai_backup_last_verification_ok}; and {@code nexusai_backup_runs_total{kind,status}} for this instance. The rules
 * BackupTooOld, RestoreTestFailed and RestoreTestMissing read them (app-core's alert-rules.json).
 */
@Component
class BackupMetrics {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BackupMetrics.class);

    private final BackupRuns runs;
    private final MeterRegistry registry;
    private final AtomicReference<Map<String, double[]>> figures = new AtomicReference<>(Map.of());

    BackupMetrics(BackupRuns runs, MeterRegistry registry) {
        this.runs = runs;
        this.registry = registry;
        for (BackupKind kind : BackupKind.values()) {
            String id = kind.id();
            Gauge.builder("nexusai.backup.last.success.timestamp", () -> figure(id, 0)).baseUnit("seconds")
                    .description("When the newest good backup finished (Unix time)").tag("kind", id).register(registry);
            Gauge.builder("nexusai.backup.last.duration", () -> figure(id, 1)).baseUnit("seconds")
                    .description("How long the newest good backup took").tag("kind", id).register(registry);
            Gauge.builder("nexusai.backup.last.size", () -> figure(id, 2)).baseUnit("bytes")
                    .description("Size of the newest good backup").tag("kind", id).register(registry);
            Gauge.builder("nexusai.backup.last.verified.timestamp", () -> figure(id, 3)).baseUnit("seconds")
                    .description("When the newest passed restore test ran (Unix time), or, none having passed, when the first good backup finished")
                    .tag("kind", id).register(registry);
            Gauge.builder("nexusai.backup.last.verification.ok", () -> figure(id, 4))
                    .description("1 when the newest restore test passed, 0 when it failed, NaN when none ran").tag("kind", id).register(registry);
        }
    }

    /** Re-reads the figures; also every {@code nexusai.backup.metrics-refresh} (a minute), for runs of the other instances. */
    @Scheduled(fixedDelayString = "${nexusai.backup.metrics-refresh:PT1M}", initialDelayString = "PT2S")
    void refresh() {
        try {
            figures.set(runs.lastGoodFigures());
        } catch (RuntimeException e) {
            // the database is down: keep the last figures; the db health component says why
            log.warn("Backup figures not refreshed: {}", e.getMessage());
        }
    }

    void ran(BackupKind kind, String status) {
        Counter.builder("nexusai.backup.runs").description("Backup runs on this instance").tag("kind", kind.id()).tag("status", status)
                .register(registry).increment();
        refresh();
    }

    private double figure(String kind, int index) {
        double[] values = figures.get().get(kind);
        return values == null ? Double.NaN : values[index];
    }
}
