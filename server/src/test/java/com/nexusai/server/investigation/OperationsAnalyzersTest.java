package com.nexusai.server.investigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nexusai.core.metrics.Sample;
import com.nexusai.server.alerts.AlertTime;
import com.nexusai.server.metrics.MetricHistory;
import org.junit.jupiter.api.Test;

/** The analyzers that read the server's own figures: each names its cause from the samples it is given, and nothing on healthy ones. */
class OperationsAnalyzersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final AlertTime CLOCK = new AlertTime(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Sample sample(String name, Map<String, String> labels, double value) {
        return new Sample(name, labels, value);
    }

    private static double hoursAgo(double hours) {
        return NOW.getEpochSecond() - hours * 3600;
    }

    @Test
    void aBackupOlderThan26HoursIsStaleAndAFailedRestoreTestIsNamed() {
        Signals signals = new Signals(List.of(
                sample("nexusai_backup_last_success_timestamp_seconds", Map.of("kind", "postgres"), hoursAgo(30)),
                sample("nexusai_backup_last_verification_ok", Map.of("kind", "postgres"), 0),
                sample("nexusai_backup_last_success_timestamp_seconds", Map.of("kind", "redis"), hoursAgo(2)),
                sample("nexusai_backup_last_verification_ok", Map.of("kind", "redis"), Double.NaN),
                sample("nexusai_backup_last_success_timestamp_seconds", Map.of("kind", "files"), Double.NaN)));

        List<Finding> found = new BackupAnalyzer(CLOCK).analyze(signals).stream().map(each -> each.in(Locale.ENGLISH)).toList();

        assertThat(found).extracting(Finding::id).containsExactly("backup-stale", "restore-test-failed");
        assertThat(found.getFirst().title()).isEqualTo("The newest good postgres backup is 30 h old: the nightly backup did not run or failed");
        assertThat(found).allMatch(finding -> finding.severity() == Severity.CRITICAL);
    }

    @Test
    void aRegistryThatCannotBeReadFailsTheAnalyzersThatNeedItAndNotTheSessions() throws Exception {
        Signals signals = Signals.read(() -> {
            throw new IllegalArgumentException("line 12 is not a Prometheus sample");
        }, () -> List.of());

        assertThatThrownBy(() -> new BackupAnalyzer(CLOCK).analyze(signals)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this instance's metrics could not be read: line 12 is not a Prometheus sample");
        assertThatThrownBy(() -> signals.max("jvm_gc_pause_seconds_max")).isInstanceOf(IllegalStateException.class);
        assertThat(signals.sessions()).isEmpty();
    }

    @Test
    void recentBackupsAndAPassedRestoreTestSayNothing() {
        Signals signals = new Signals(List.of(
                sample("nexusai_backup_last_success_timestamp_seconds", Map.of("kind", "postgres"), hoursAgo(3)),
                sample("nexusai_backup_last_verification_ok", Map.of("kind", "postgres"), 1),
                sample("nexusai_backup_last_verified_timestamp_seconds", Map.of("kind", "postgres"), hoursAgo(3))));

        assertThat(new BackupAnalyzer(CLOCK).analyze(signals)).isEmpty();
    }

    @Test
    void aCertificateExpiringWithin14DaysIsAWarningAndWithin3DaysCritical() {
        Signals signals = new Signals(List.of(
                sample("nexusai_tls_certificate_expiry_timestamp_seconds", Map.of("source", "server", "subject", "CN=app1"),
                        NOW.plus(Duration.ofDays(10)).getEpochSecond()),
                sample("nexusai_tls_certificate_expiry_timestamp_seconds", Map.of("source", "data-tier-ca", "subject", "CN=ca"),
                        NOW.plus(Duration.ofDays(2)).getEpochSecond()),
                sample("nexusai_tls_certificate_expiry_timestamp_seconds", Map.of("source", "server", "subject", "CN=app2"),
                        NOW.plus(Duration.ofDays(90)).getEpochSecond())));

        List<Finding> found = new CertificateAnalyzer(CLOCK).analyze(signals).stream().map(each -> each.in(Locale.FRENCH)).toList();

        assertThat(found).extracting(Finding::severity).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(found.getFirst().title()).isEqualTo("Le certificat CN=app1 (server) expire dans 10,0 jours");
    }

    @Test
    void aReplicaBehindByMoreThan30SecondsOrNotAnsweringIsNamed() {
        assertThat(new ReplicaAnalyzer().analyze(new Signals(List.of(sample("pg_replication_lag_seconds", Map.of(), 45)))))
                .extracting(Found::id).containsExactly("replica-lagging");
        assertThat(new ReplicaAnalyzer().analyze(new Signals(List.of(sample("pg_replication_lag_seconds", Map.of(), 45),
                sample("nexusai_db_replica_unusable_seconds", Map.of(), 120))))).extracting(Found::id).containsExactly("replica-unusable");
        assertThat(new ReplicaAnalyzer().analyze(new Signals(List.of(sample("pg_replication_lag_seconds", Map.of(), 2))))).isEmpty();
    }

    @Test
    void theDiskForecastIsALineThroughTheLastHour() {
        List<MetricHistory.Reading> rising = new ArrayList<>();
        for (int i = 0; i < 240; i++) { // an hour at 15 s: from 50 % to 60 %, so full in 4 more hours
            rising.add(new MetricHistory.Reading(NOW.minusSeconds(15L * (239 - i)), 0.5 + 0.1 * i / 239.0));
        }

        assertThat(DiskAnalyzer.secondsToFull(rising) / 3600).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(DiskAnalyzer.secondsToFull(rising.stream().map(r -> new MetricHistory.Reading(r.at(), 0.5)).toList())).isEqualTo(-1);
        assertThat(DiskAnalyzer.secondsToFull(rising.subList(0, 10))).isEqualTo(-1);
    }
}
