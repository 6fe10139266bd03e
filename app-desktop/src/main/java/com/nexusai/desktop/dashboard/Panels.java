package com.nexusai.desktop.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.nexusai.core.dashboard.Dashboard;
import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.core.metrics.MetricsApi;

/**
 * What the dashboard's panels say about one instance's latest scrape, ready to draw: their texts, the warnings to
 * light, and the trends over the chosen range: the server's history, then the live window (min/max thinned to
 * {@value #TREND_BUCKETS} stretches of time).
 *
 * @param replica empty when no PostgreSQL replica is configured (the line is then hidden)
 */
public record Panels(String heap, String nonHeap, String threads, String gcPauses, String requests, String errors, String p95,
        double poolUsage, String pool, String replica, boolean replicaWarning, String redisRole, boolean redisWarning, String replication,
        boolean replicationWarning, String backupsNote, List<MinMaxThinning.Point> heapTrend, List<MinMaxThinning.Point> p95Trend,
        List<MinMaxThinning.Point> lagTrend) {

    static final int TREND_BUCKETS = 90;
    private static final double MIB = 1024 * 1024;
    /** The guide's replication lag alert (§3.2): more than 30 s behind. */
    private static final double REPLICA_LAG_WARNING_SECONDS = 30;

    static Panels of(ResourceBundle text, Monitor.State state, String backupsNote) {
        Dashboard latest = state.latest();
        Dashboard.Jvm jvm = latest.jvm();
        StringBuilder pauses = new StringBuilder();
        jvm.gcPauses().forEach((name, values) -> pauses.append(String.format(Locale.ROOT, "%s: %.0f (%.2f s)  ", name, values[0], values[1])));
        Dashboard.Http http = latest.http();
        Dashboard.Pool pool = latest.pool();
        double usage = Double.isNaN(pool.usage()) ? 0 : pool.usage();
        Dashboard.DatabaseReplica replica = latest.databaseReplica();
        Dashboard.Redis redis = latest.redis();
        Dashboard.KafkaReplication kafka = latest.kafkaReplication();
        List<Dashboard> window = state.window();
        return new Panels(
                String.format(Locale.ROOT, "%.0f / %.0f / %.0f %s", jvm.heapUsed() / MIB, jvm.heapCommitted() / MIB, jvm.heapMax() / MIB,
                        text.getString("unit.mib")),
                String.format(Locale.ROOT, "%.0f %s", jvm.nonHeapUsed() / MIB, text.getString("unit.mib")),
                String.format(Locale.ROOT, "%.0f", jvm.liveThreads()),
                pauses.toString().strip(),
                number(http.requestsPerSecond(), "%.1f /s"),
                number(http.errorsPerSecond(), "%.2f /s"),
                number(http.p95Seconds() * 1000, "%.0f ms"),
                usage,
                String.format(Locale.ROOT, text.getString("pool.numbers"), pool.active(), pool.idle(), pool.pending(), pool.max(), usage * 100),
                !replica.configured() ? "" : replica.up() == 1
                        ? String.format(Locale.ROOT, text.getString("replica.up"), replica.behindBytes(), replica.lagSeconds())
                        : String.format(Locale.ROOT, text.getString("replica.down"), replica.behindBytes()),
                replica.configured() && (replica.up() != 1 || replica.lagSeconds() > REPLICA_LAG_WARNING_SECONDS),
                redis.role().isEmpty() ? text.getString("redis.unknown")
                        : String.format(Locale.ROOT, text.getString("redis.role"), text.getString("redis.role." + redis.role()), redis.replicas().size()),
                !redis.role().equals("master"),
                Double.isNaN(kafka.underReplicated()) ? ""
                        : String.format(Locale.ROOT, text.getString("kafka.replication"), kafka.underReplicated(), kafka.offline()),
                kafka.underReplicated() > 0 || kafka.offline() > 0,
                backupsNote,
                trend(joined(state, HistorySeries.HEAP_USED, MIB,
                        window.stream().map(d -> new MinMaxThinning.Point(d.at().toEpochMilli(), d.jvm().heapUsed() / MIB)).toList())),
                trend(joined(state, HistorySeries.HTTP_P95, 0.001, window.stream().filter(d -> !Double.isNaN(d.http().p95Seconds()))
                        .map(d -> new MinMaxThinning.Point(d.at().toEpochMilli(), d.http().p95Seconds() * 1000)).toList())),
                trend(joined(state, HistorySeries.KAFKA_LAG, 1,
                        window.stream().map(d -> new MinMaxThinning.Point(d.at().toEpochMilli(), worstLag(d))).toList())));
    }

    /**
     * The chart's range: what the server remembers of {@code series} before this console's first scrape (a stored
     * step's min and max both, so that thinning keeps its peaks), in the chart's unit ({@code per} of the series' own
     * to one of the chart's), then the live scrapes; all within the range back from the newest scrape.
     */
    static List<MinMaxThinning.Point> joined(Monitor.State state, HistorySeries series, double per, List<MinMaxThinning.Point> live) {
        ChartHistory history = state.history();
        long from = state.latest().at().minus(history.range().span()).toEpochMilli();
        long liveFrom = live.isEmpty() ? Long.MAX_VALUE : live.getFirst().at();
        List<MinMaxThinning.Point> points = new java.util.ArrayList<>();
        for (MetricsApi.Point remembered : history.of(series)) {
            long at = remembered.time().toEpochMilli();
            if (at < from || at >= liveFrom) {
                continue;
            }
            if (Double.isFinite(remembered.min()) && Double.isFinite(remembered.max())) {
                points.add(new MinMaxThinning.Point(at, remembered.min() / per));
                points.add(new MinMaxThinning.Point(at, remembered.max() / per));
            } else if (Double.isFinite(remembered.value())) {
                points.add(new MinMaxThinning.Point(at, remembered.value() / per));
            }
        }
        live.stream().filter(point -> point.at() >= from).forEach(points::add);
        return points;
    }

    /** The largest lag of any group and partition in that scrape (0 without consumers). */
    static double worstLag(Dashboard scrape) {
        return scrape.kafkaLag().stream().mapToDouble(Dashboard.Lag::lag).max().orElse(0);
    }

    private static List<MinMaxThinning.Point> trend(List<MinMaxThinning.Point> points) {
        return MinMaxThinning.thin(points, TREND_BUCKETS);
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
