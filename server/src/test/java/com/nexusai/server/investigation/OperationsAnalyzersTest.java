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
import com.nexusai.server.alerts.AlertHistory;
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

    private static List<MetricHistory.Reading> readings(double... values) {
        List<MetricHistory.Reading> readings = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            readings.add(new MetricHistory.Reading(NOW.minusSeconds(15L * (values.length - i)), values[i]));
        }
        return readings;
    }

    private static PostgresSessions.Session statement(int pid, double seconds) {
        return new PostgresSessions.Session(pid, "nexusai", "active", null, null, seconds, seconds, List.of(), "select * from files");
    }

    private static List<String> latency(List<MetricHistory.Reading> p95, List<Sample> samples, List<PostgresSessions.Session> sessions) throws Exception {
        return new LatencyAnalyzer(span -> p95, 2.0).analyze(new Signals(samples, () -> sessions)).stream()
                .map(found -> found.id() + ": " + found.in(Locale.ENGLISH).title()).toList();
    }

    @Test
    void slowRequestsAreBlamedOnWhatTheyWaitedForThePoolTheCollectorOrPostgres() throws Exception {
        List<Sample> poolWaits = List.of(sample("hikaricp_connections_acquire_seconds_max", Map.of("pool", "p"), 3.9),
                sample("hikaricp_connections_pending", Map.of("pool", "p"), 4), sample("jvm_gc_pause_seconds_max", Map.of(), 0.02));
        assertThat(latency(readings(0.1, Double.NaN, 4.2, 0.3), poolWaits, List.of(statement(7, 0.01)))).singleElement().asString()
                .isEqualTo("latency-from-pool-waits: Requests are slow (p95 4.2 s over the last 5 min) because they wait for a database connection: "
                        + "up to 3.9 s, 4 thread(s) waiting now");

        List<Sample> pauses = List.of(sample("hikaricp_connections_acquire_seconds_max", Map.of("pool", "p"), 0.001),
                sample("jvm_gc_pause_seconds_max", Map.of("action", "end of major GC"), 1.8));
        assertThat(latency(readings(2.5), pauses, List.of())).singleElement().asString().startsWith("latency-from-gc: ");

        assertThat(latency(readings(6.0), pauses, List.of(statement(4242, 12.5), statement(7, 0.2)))).singleElement().asString()
                .startsWith("latency-from-slow-queries: ").contains("session 4242 has run its statement 12.5 s");

        assertThat(latency(readings(3.0), List.of(sample("jvm_gc_pause_seconds_max", Map.of(), 0.05)), List.of())).singleElement().asString()
                .startsWith("latency-unexplained: ");
    }

    @Test
    void latencyUnderTheRulesBoundOrWithoutTrafficSaysNothingAndUnreadSessionsLeaveTheOtherCauses() throws Exception {
        List<Sample> pauses = List.of(sample("jvm_gc_pause_seconds_max", Map.of(), 1.8));
        assertThat(latency(readings(1.9, 0.4), pauses, List.of())).isEmpty();
        assertThat(latency(readings(Double.NaN), pauses, List.of())).isEmpty();
        assertThat(new LatencyAnalyzer(span -> readings(2.5), 2.0).analyze(Signals.read(() -> pauses, () -> {
            throw new java.sql.SQLException("the connection was refused");
        }))).extracting(Found::id).containsExactly("latency-from-gc");
    }

    @Test
    void anInstanceDownIsTheGuides502Row() {
        AlertHistory.Episode down = new AlertHistory.Episode(java.util.UUID.randomUUID(), "InstanceDown", "app1:8443", Map.of("instance", "app2:8443"),
                "critical", "Instance down", "firing", 0, NOW.minus(Duration.ofMinutes(7)), NOW.minus(Duration.ofMinutes(6)), null, NOW, null);
        AlertHistory.Episode other = new AlertHistory.Episode(java.util.UUID.randomUUID(), "HighLatency", "app1:8443", Map.of(), "warning",
                "High API latency detected", "firing", 3, NOW, NOW, null, NOW, null);

        List<Finding> found = new InstanceAnalyzer(() -> List.of(down, other), CLOCK).analyze(new Signals(List.of())).stream()
                .map(each -> each.in(Locale.FRENCH)).toList();

        assertThat(found).singleElement().satisfies(finding -> {
            assertThat(finding.id()).isEqualTo("instance-down");
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.runbookRow()).isEqualTo("bad-gateway");
            assertThat(finding.title()).startsWith("L’instance app2:8443 ne répond plus depuis 7 min");
        });
    }

    @Test
    void evictionsAreTheCountersGrowthOverTheWindowAndARestartCountsFromZero() {
        List<MetricHistory.Reading> readings = readings(Double.NaN, 120, 130, 180);

        assertThat(RedisMemoryAnalyzer.evictedSince(readings, 200)).isEqualTo(80);
        assertThat(RedisMemoryAnalyzer.evictedSince(readings, 120)).isZero();
        assertThat(RedisMemoryAnalyzer.evictedSince(readings, 15)).as("Redis restarted: its counter began again").isEqualTo(15);
        assertThat(RedisMemoryAnalyzer.evictedSince(List.of(), 500)).as("no history yet: nothing to compare with").isZero();
    }
}
