package com.nexusai.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.nexusai.core.testing.ManualClock;
import com.nexusai.core.metrics.Exposition;
import org.junit.jupiter.api.Test;

/** The shipped rules driven with a clock the test moves, over expositions as the server writes them. */
class AlertEngineTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AlertEngine engine = new AlertEngine(AlertRules.shipped().rules(), clock);

    /** G1's heap pools: Eden and Survivor have no maximum (-1), only the old generation has one. */
    private static String heap(long used, long max) {
        return """
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} %d
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} %d
                jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 0
                jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1
                jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} %d
                jvm_memory_max_bytes{area="heap",id="G1 Survivor Space"} -1
                jvm_memory_max_bytes{area="nonheap",id="Metaspace"} -1
                """.formatted(used / 2, used / 2, max);
    }

    private List<AlertEngine.Alert> scrape(String text) {
        return engine.evaluate("app1:8080", Exposition.parse(text));
    }

    private static AlertEngine.Alert only(List<AlertEngine.Alert> alerts, String name) {
        List<AlertEngine.Alert> matching = alerts.stream().filter(a -> a.name().equals(name)).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    @Test
    void heapAbove90PercentIsPendingThenFiresAfterFiveMinutesAndPoolsWithoutMaximumAreIgnored() {
        assertThat(scrape(heap(850, 1000))).isEmpty();
        clock.advance(Duration.ofSeconds(15));
        AlertEngine.Alert pending = only(scrape(heap(950, 1000)), "HighMemoryUsage");
        assertThat(pending.state()).isEqualTo(AlertEngine.State.PENDING);
        assertThat(pending.value()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(pending.labels()).containsEntry("instance", "app1:8080");
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(only(scrape(heap(960, 1000)), "HighMemoryUsage").state()).isEqualTo(AlertEngine.State.PENDING);
        clock.advance(Duration.ofSeconds(1));
        AlertEngine.Alert firing = only(scrape(heap(960, 1000)), "HighMemoryUsage");
        assertThat(firing.state()).isEqualTo(AlertEngine.State.FIRING);
        assertThat(firing.severity()).isEqualTo("warning");
        clock.advance(Duration.ofSeconds(15));
        assertThat(scrape(heap(500, 1000))).as("resolved").isEmpty();
        clock.advance(Duration.ofSeconds(15));
        assertThat(only(scrape(heap(950, 1000)), "HighMemoryUsage").state()).as("a break starts the wait again").isEqualTo(AlertEngine.State.PENDING);
    }

    @Test
    void kafkaLagHoldsPerPartitionForTenMinutes() {
        String lag = """
                kafka_consumer_records_lag{group="nexusai-audit",partition="0",topic="nexusai.events"} 12000
                kafka_consumer_records_lag{group="nexusai-audit",partition="1",topic="nexusai.events"} 50
                """;
        AlertEngine.Alert pending = only(scrape(lag), "KafkaLag");
        assertThat(pending.labels()).containsEntry("partition", "0");
        clock.advance(Duration.ofMinutes(9));
        assertThat(only(scrape(lag), "KafkaLag").state()).isEqualTo(AlertEngine.State.PENDING);
        clock.advance(Duration.ofMinutes(1));
        assertThat(only(scrape(lag), "KafkaLag").state()).isEqualTo(AlertEngine.State.FIRING);
    }

    /** Buckets of a histogram with {@code slow} requests at 3 s and the rest at 0.1 s, cumulated since start. */
    private static String latency(long fast, long slow) {
        return """
                http_server_requests_seconds_bucket{uri="/api/files",le="0.1"} %1$d
                http_server_requests_seconds_bucket{uri="/api/files",le="1.0"} %1$d
                http_server_requests_seconds_bucket{uri="/api/files",le="2.0"} %1$d
                http_server_requests_seconds_bucket{uri="/api/files",le="4.0"} %2$d
                http_server_requests_seconds_bucket{uri="/api/files",le="+Inf"} %2$d
                """.formatted(fast, fast + slow);
    }

    @Test
    void theLatencyQuantileIsOfTheLastFiveMinutesNotOfTheCumulativeBuckets() {
        // a long quiet history: cumulative buckets alone would say p95 is fast for a long time
        assertThat(scrape(latency(100_000, 0))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        List<AlertEngine.Alert> alerts = scrape(latency(100_100, 100));
        AlertEngine.Alert slow = only(alerts, "HighLatency");
        assertThat(slow.value()).as("half the requests of the last minute took 3 s").isGreaterThan(2.0).isLessThanOrEqualTo(4.0);
        for (int minute = 2; minute <= 6; minute++) {
            clock.advance(Duration.ofMinutes(1));
            alerts = scrape(latency(100_000 + 100L * minute, 100L * minute));
        }
        assertThat(only(alerts, "HighLatency").state()).isEqualTo(AlertEngine.State.FIRING);
        clock.advance(Duration.ofMinutes(5));
        scrape(latency(150_000, 600));
        clock.advance(Duration.ofMinutes(1));
        List<AlertEngine.Alert> fastAgain = scrape(latency(200_000, 600));
        assertThat(fastAgain.stream().map(AlertEngine.Alert::name)).as("only fast requests in the last minutes").doesNotContain("HighLatency");
    }

    @Test
    void quantileInterpolatesWithinTheBucketLikePrometheus() {
        TreeMap<Double, Double> buckets = new TreeMap<>(Map.of(0.1, 50.0, 1.0, 90.0, 2.0, 100.0, Double.POSITIVE_INFINITY, 100.0));
        assertThat(com.nexusai.core.metrics.Counters.quantile(0.5, buckets)).isEqualTo(0.1);
        assertThat(com.nexusai.core.metrics.Counters.quantile(0.7, buckets)).isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(com.nexusai.core.metrics.Counters.quantile(0.95, buckets)).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
        TreeMap<Double, Double> tail = new TreeMap<>(Map.of(1.0, 10.0, Double.POSITIVE_INFINITY, 100.0));
        assertThat(com.nexusai.core.metrics.Counters.quantile(0.95, tail)).as("in the +Inf bucket: the highest finite bound").isEqualTo(1.0);
    }

    @Test
    void poolDiskAndHostMemoryUseTheirRatios() {
        List<AlertEngine.Alert> alerts = scrape("""
                hikaricp_connections_active{pool="HikariPool-1"} 46
                hikaricp_connections_max{pool="HikariPool-1"} 50
                disk_free_bytes{path="/opt/nexusai/data"} 15
                disk_total_bytes{path="/opt/nexusai/data"} 100
                nexusai_host_memory_available_bytes 10
                nexusai_host_memory_total_bytes 100
                system_cpu_usage 0.5
                """);
        assertThat(only(alerts, "DatabaseConnectionExhausted").value()).isCloseTo(0.92, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(only(alerts, "DatabaseConnectionExhausted").severity()).isEqualTo("critical");
        assertThat(only(alerts, "HighDiskUsage").value()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(only(alerts, "HighHostMemoryUsage").value()).isCloseTo(0.90, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(alerts.stream().map(AlertEngine.Alert::name)).doesNotContain("HighCpuUsage");
    }

    @Test
    void underReplicatedPartitionsAreCountedPerTopicAndOfflineOnesAreCritical() {
        List<AlertEngine.Alert> alerts = scrape("""
                kafka_topic_partition_under_replicated_partition{topic="nexusai.events",partition="0"} 1
                kafka_topic_partition_under_replicated_partition{topic="nexusai.events",partition="1"} 0
                kafka_topic_partition_under_replicated_partition{topic="nexusai.events",partition="2"} 1
                kafka_topic_partition_under_replicated_partition{topic="__consumer_offsets",partition="0"} 0
                nexusai_kafka_partitions_offline 1
                """);
        AlertEngine.Alert under = only(alerts, "KafkaUnderReplicatedPartitions");
        assertThat(under.value()).as("two of the events topic's partitions").isEqualTo(2);
        assertThat(under.labels()).containsEntry("topic", "nexusai.events");
        assertThat(only(alerts, "KafkaOfflinePartitions").severity()).isEqualTo("critical");
        List<AlertEngine.Alert> healthy = scrape("""
                kafka_topic_partition_under_replicated_partition{topic="nexusai.events",partition="0"} 0
                nexusai_kafka_partitions_offline 0
                """);
        assertThat(healthy.stream().map(AlertEngine.Alert::name)).doesNotContain("KafkaUnderReplicatedPartitions", "KafkaOfflinePartitions");
    }


    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    @Test
    void aBackupOlderThan26HoursFiresAfterFiveMinutesAndOneNeverTakenDoesNot() {
        String stale = "nexusai_backup_last_success_timestamp_seconds{kind=\"postgres\"} %d\n"
                + "nexusai_backup_last_success_timestamp_seconds{kind=\"redis\"} %d\n"
                + "nexusai_backup_last_verified_timestamp_seconds{kind=\"postgres\"} NaN\n";
        long postgres = nowSeconds() - Duration.ofHours(27).toSeconds();
        AlertEngine.Alert pending = only(scrape(stale.formatted(postgres, nowSeconds() - 3600)), "BackupTooOld");
        assertThat(pending.state()).isEqualTo(AlertEngine.State.PENDING);
        assertThat(pending.labels()).containsEntry("kind", "postgres");
        assertThat(pending.value()).as("its age in seconds").isEqualTo(Duration.ofHours(27).toSeconds());
        clock.advance(Duration.ofMinutes(5));
        List<AlertEngine.Alert> alerts = scrape(stale.formatted(postgres, nowSeconds() - 3600));
        assertThat(only(alerts, "BackupTooOld").state()).isEqualTo(AlertEngine.State.FIRING);
        assertThat(only(alerts, "BackupTooOld").severity()).isEqualTo("critical");
        assertThat(alerts.stream().map(AlertEngine.Alert::name)).as("no restore test known yet: NaN says nothing").doesNotContain("RestoreTestMissing");
        clock.advance(Duration.ofMinutes(1));
        assertThat(scrape(stale.formatted(nowSeconds() - 60, nowSeconds() - 3600))).as("a fresh backup resolves it").isEmpty();
    }

    @Test
    void aFailedRestoreTestAndAnExporterThatCannotReachItsServerHoldBelowTheirLimit() {
        List<AlertEngine.Alert> alerts = scrape("""
                nexusai_backup_last_verification_ok{kind="postgres"} 0
                pg_up 0
                redis_up 1
                kafka_brokers 0
                up 1
                """);
        assertThat(alerts.stream().map(AlertEngine.Alert::name)).containsExactlyInAnyOrder("RestoreTestFailed", "PostgresDown", "KafkaDown");
        assertThat(only(alerts, "PostgresDown").value()).isZero();
    }

    @Test
    void aCertificateWithinFourteenDaysOfItsEndIsReportedWithTheSecondsLeft() {
        long soon = nowSeconds() + Duration.ofDays(10).toSeconds();
        long later = nowSeconds() + Duration.ofDays(60).toSeconds();
        List<AlertEngine.Alert> alerts = scrape("""
                nexusai_tls_certificate_expiry_timestamp_seconds{source="server",subject="CN=app1"} %d
                nexusai_tls_certificate_expiry_timestamp_seconds{source="data-tier",subject="CN=ca"} %d
                """.formatted(soon, later));
        AlertEngine.Alert expiring = only(alerts, "CertificateExpiringSoon");
        assertThat(expiring.labels()).containsEntry("source", "server");
        assertThat(expiring.value()).isEqualTo(Duration.ofDays(10).toSeconds());
    }

    @Test
    void aDiskLosingSpaceFasterThanItHasFiresWhenTheForecastHasHeldForHalfAnHourAndASteadyOneNever() {
        String disks = """
                disk_free_bytes{path="/data"} %d
                disk_free_bytes{path="/logs"} 1000000
                """;
        long free = 1_000_000;
        List<AlertEngine.Alert> alerts = scrape(disks.formatted(free));
        assertThat(alerts).as("one point is no line").isEmpty();
        for (int minute = 1; minute <= 30; minute++) {
            clock.advance(Duration.ofMinutes(1));
            free -= 1_000; // full in under 17 h
            alerts = scrape(disks.formatted(free));
            assertThat(only(alerts, "DiskFilling").state()).as("minute " + minute).isEqualTo(AlertEngine.State.PENDING);
        }
        clock.advance(Duration.ofMinutes(1));
        free -= 1_000;
        AlertEngine.Alert firing = only(scrape(disks.formatted(free)), "DiskFilling");
        assertThat(firing.state()).isEqualTo(AlertEngine.State.FIRING);
        assertThat(firing.labels()).containsEntry("path", "/data");
        assertThat(firing.value()).as("the free bytes forecast in 24 h").isCloseTo(free - 1_000.0 * 24 * 60, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void predictLinearIsTheLeastSquaresLineReadAhead() {
        List<double[]> points = List.of(new double[] {-120, 10}, new double[] {-60, 8});
        assertThat(Trends.predictLinear(points, 0, 6, 60)).isCloseTo(4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Trends.predictLinear(List.of(), 0, 6, 60)).isNaN();
    }
}
