package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.nexusai.server.alerts.AlertTime;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Backups (guide §5), with the alert rules' thresholds: the newest good backup of a kind older than 26 h (the nightly
 * run missed), the last restore test of a kind failed, or the last one that passed is older than 26 h. A kind never
 * backed up or tested yet says nothing: the first nightly run has not come.
 */
@Component
@Order(6)
class BackupAnalyzer implements Analyzer {

    static final double STALE_SECONDS = 26 * 3600;

    private final AlertTime time;

    BackupAnalyzer(AlertTime time) {
        this.time = time;
    }

    @Override
    public Said reads() {
        return Said.of("reads.backups");
    }

    @Override
    public List<Found> analyze(Signals signals) {
        double now = time.now().toEpochMilli() / 1000.0;
        Set<String> kinds = new TreeSet<>();
        signals.samples().stream().filter(sample -> sample.name().equals("nexusai_backup_last_success_timestamp_seconds"))
                .map(sample -> sample.label("kind")).filter(java.util.Objects::nonNull).forEach(kinds::add);
        List<Found> found = new ArrayList<>();
        for (String kind : kinds) {
            Map<String, String> match = Map.of("kind", kind);
            double success = signals.sum("nexusai_backup_last_success_timestamp_seconds", match).orElse(Double.NaN);
            if (Double.isNaN(success) || success <= 0) {
                continue;
            }
            double age = now - success;
            if (age > STALE_SECONDS) {
                found.add(new Found("backup-stale", Severity.CRITICAL, Said.of("backup.stale.title", kind, age / 3600),
                        List.of(Evidence.metric("nexusai_backup_last_success_timestamp_seconds{kind=\"" + kind + "\"}", (long) success)),
                        null, Said.of("backup.stale.next", kind)));
            }
            double verifiedOk = signals.sum("nexusai_backup_last_verification_ok", match).orElse(Double.NaN);
            double verified = signals.sum("nexusai_backup_last_verified_timestamp_seconds", match).orElse(Double.NaN);
            if (verifiedOk == 0) {
                found.add(new Found("restore-test-failed", Severity.CRITICAL, Said.of("backup.restoreFailed.title", kind),
                        List.of(Evidence.metric("nexusai_backup_last_verification_ok{kind=\"" + kind + "\"}", 0)), null,
                        Said.of("backup.restoreFailed.next")));
            } else if (!Double.isNaN(verified) && verified > 0 && now - verified > STALE_SECONDS) {
                found.add(new Found("restore-test-missing", Severity.WARNING, Said.of("backup.restoreMissing.title", kind, (now - verified) / 3600),
                        List.of(Evidence.metric("nexusai_backup_last_verified_timestamp_seconds{kind=\"" + kind + "\"}", (long) verified)),
                        null, Said.of("backup.restoreMissing.next")));
            }
        }
        return found;
    }
}
