package com.nexusai.server.investigation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.server.metrics.MetricHistory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The data's disk, with the alerts' thresholds: more than 80 % used, or full within 24 h at the rate of the history the
 * server keeps in memory (its last hour, a least-squares line through it), with the time left.
 */
@Component
@Order(9)
class DiskAnalyzer implements Analyzer {

    static final double HIGH = 0.8;
    static final Duration FORECAST_FROM = Duration.ofHours(1);
    static final double FULL_WITHIN_SECONDS = 24 * 3600;
    /** Readings a trend needs: five minutes at the default 15 s. */
    static final int TREND_POINTS = 20;

    private final MetricHistory history;

    DiskAnalyzer(MetricHistory history) {
        this.history = history;
    }

    @Override
    public Said reads() {
        return Said.of("reads.disk");
    }

    @Override
    public List<Found> analyze(Signals signals) {
        double total = signals.sum("disk_total_bytes").orElse(0);
        double free = signals.sum("disk_free_bytes").orElse(0);
        if (total <= 0) {
            return List.of();
        }
        double used = 1 - free / total;
        double secondsToFull = secondsToFull(history.recent(HistorySeries.DISK, FORECAST_FROM));
        boolean filling = secondsToFull >= 0 && secondsToFull < FULL_WITHIN_SECONDS;
        if (used < HIGH && !filling) {
            return List.of();
        }
        List<Evidence> evidence = new ArrayList<>(List.of(Evidence.metric("disk_free_bytes", (long) free), Evidence.metric("disk_total_bytes", (long) total)));
        if (secondsToFull >= 0) {
            evidence.add(new Evidence("history", "disk_usage_ratio, full in (h) at the last hour's rate", String.format(java.util.Locale.ROOT, "%.1f",
                    secondsToFull / 3600)));
        }
        Severity severity = used >= 0.95 || (filling && secondsToFull < 6 * 3600) ? Severity.CRITICAL : Severity.WARNING;
        return List.of(filling
                ? new Found("disk-filling", severity, Said.of("disk.filling.title", used, secondsToFull / 3600), evidence, null, Said.of("disk.next"))
                : new Found("disk-usage-high", severity, Said.of("disk.high.title", used), evidence, null, Said.of("disk.next")));
    }

    /** Seconds until the usage ratio reaches 1 on the least-squares line through {@code readings}; -1 when it is not rising. */
    static double secondsToFull(List<MetricHistory.Reading> readings) {
        List<MetricHistory.Reading> points = readings.stream().filter(reading -> !Double.isNaN(reading.value())).toList();
        if (points.size() < TREND_POINTS) {
            return -1;
        }
        double t0 = points.getFirst().at().toEpochMilli() / 1000.0;
        double meanT = points.stream().mapToDouble(p -> p.at().toEpochMilli() / 1000.0 - t0).average().orElse(0);
        double meanV = points.stream().mapToDouble(MetricHistory.Reading::value).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (MetricHistory.Reading point : points) {
            double t = point.at().toEpochMilli() / 1000.0 - t0 - meanT;
            covariance += t * (point.value() - meanV);
            variance += t * t;
        }
        if (variance == 0 || covariance <= 0) {
            return -1;
        }
        double slope = covariance / variance;
        double last = points.getLast().value();
        return Math.max(0, (1 - last) / slope);
    }
}
