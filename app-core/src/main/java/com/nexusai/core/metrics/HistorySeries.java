package com.nexusai.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import com.nexusai.core.dashboard.Dashboard;

/**
 * The series the server keeps a history of ({@code GET /api/metrics/history?series=<name>}): the figures the console's
 * charts and the alert rules read, each taken from one {@link Dashboard} (the instance's own metrics) or from the
 * exporters' samples. NaN (no traffic for a latency, no exporter) is a gap, not a point.
 */
public enum HistorySeries {

    HEAP_USED("heap_used_bytes", (d, s) -> d.jvm().heapUsed()),
    HTTP_P95("http_p95_seconds", (d, s) -> d.http().p95Seconds()),
    HTTP_REQUESTS("http_requests_per_second", (d, s) -> d.http().requestsPerSecond()),
    HTTP_ERRORS("http_errors_per_second", (d, s) -> d.http().errorsPerSecond()),
    POOL_USAGE("pool_usage_ratio", (d, s) -> d.pool().usage()),
    KAFKA_LAG("kafka_lag_max_records", (d, s) -> d.kafkaLag().stream().mapToDouble(Dashboard.Lag::lag).max().orElse(Double.NaN)),
    CPU("cpu_usage_ratio", (d, s) -> d.host().cpu()),
    HOST_MEMORY("host_memory_usage_ratio", (d, s) -> d.host().memory()),
    DISK("disk_usage_ratio", (d, s) -> d.host().disk()),
    REPLICA_LAG("pg_replication_lag_seconds", (d, s) -> d.databaseReplica().lagSeconds()),
    POSTGRES_UP("pg_up", (d, s) -> gauge(s, "pg_up")),
    REDIS_UP("redis_up", (d, s) -> gauge(s, "redis_up")),
    KAFKA_BROKERS("kafka_brokers", (d, s) -> gauge(s, "kafka_brokers")),
    /** A counter: what matters is how much it grew over a span (keys Redis dropped to make room). */
    REDIS_EVICTED("redis_evicted_keys_total", (d, s) -> gauge(s, "redis_evicted_keys_total"));

    private final String id;
    private final BiFunction<Dashboard, List<Sample>, Double> value;

    HistorySeries(String id, BiFunction<Dashboard, List<Sample>, Double> value) {
        this.id = id;
        this.value = value;
    }

    /** The name the API takes and answers with. */
    public String id() {
        return id;
    }

    /** This series' value in {@code dashboard} and {@code samples} (the scrape it was computed from). */
    public double of(Dashboard dashboard, List<Sample> samples) {
        return value.apply(dashboard, samples);
    }

    public static Optional<HistorySeries> byId(String id) {
        return Arrays.stream(values()).filter(series -> series.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(HistorySeries::id).toList();
    }

    private static double gauge(List<Sample> samples, String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).mapToDouble(Sample::value).findFirst().orElse(Double.NaN);
    }
}
