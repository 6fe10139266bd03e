package com.nexusai.core.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nexusai.core.metrics.Sample;

/**
 * The recent past of the gauges a {@link AlertRule.Forecast} reads, one point a minute per series over the rule's
 * window (360 points, under 6 KiB, for a 6 h window), and Prometheus's {@code predict_linear} over them: the
 * least-squares line through the points and the newest value, read {@code ahead} of now.
 */
final class Trends {

    static final Duration STEP = Duration.ofMinutes(1);

    private record Series(String rule, Map<String, String> labels) {
    }

    private final Map<Series, ArrayDeque<double[]>> points = new HashMap<>();

    Map<Map<String, String>, Double> forecast(String rule, String instance, AlertRule.Forecast forecast, List<Sample> current, Instant now) {
        double at = AlertEngine.seconds(now);
        double oldest = at - forecast.window().toSeconds();
        Map<Map<String, String>, Double> values = new LinkedHashMap<>();
        Map<Series, Boolean> seen = new HashMap<>();
        AlertEngine.each(current, forecast.series(), (labels, value) -> {
            Series series = new Series(rule, labels);
            seen.put(series, true);
            ArrayDeque<double[]> kept = points.computeIfAbsent(series, ignored -> new ArrayDeque<>());
            while (!kept.isEmpty() && kept.peekFirst()[0] < oldest) {
                kept.removeFirst();
            }
            if (kept.isEmpty() || at - kept.peekLast()[0] >= STEP.toSeconds()) {
                kept.addLast(new double[] {at, value});
            }
            double predicted = predictLinear(kept, at, value, forecast.ahead().toSeconds());
            if (!Double.isNaN(predicted)) {
                values.put(labels, predicted);
            }
        });
        // a series of this instance gone from the scrape (an unmounted disk) leaves nothing behind
        for (Iterator<Series> it = points.keySet().iterator(); it.hasNext(); ) {
            Series series = it.next();
            if (series.rule().equals(rule) && instance.equals(series.labels().get("instance")) && !seen.containsKey(series)) {
                it.remove();
            }
        }
        return values;
    }

    /** The line through {@code points} and ({@code now}, {@code newest}), at {@code now + ahead}; NaN with fewer than two instants. */
    static double predictLinear(Iterable<double[]> points, double now, double newest, double ahead) {
        int n = 0;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumXX = 0;
        boolean newestKept = false;
        for (double[] point : points) {
            double x = point[0] - now;
            newestKept |= x == 0;
            n++;
            sumX += x;
            sumY += point[1];
            sumXY += x * point[1];
            sumXX += x * x;
        }
        if (!newestKept) {
            n++;
            sumY += newest;
        }
        double spread = n * sumXX - sumX * sumX;
        if (n < 2 || spread == 0) {
            return Double.NaN;
        }
        double slope = (n * sumXY - sumX * sumY) / spread;
        double intercept = (sumY - slope * sumX) / n;
        return intercept + slope * ahead;
    }
}
