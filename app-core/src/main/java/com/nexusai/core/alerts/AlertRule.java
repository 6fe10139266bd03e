package com.nexusai.core.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One alert rule: the same definition drives the console's engine and the rendered Prometheus rule.
 * Fires when {@link #condition} has held for {@link #holdFor} ({@code for:} in Prometheus).
 */
public record AlertRule(String alert, String severity, Duration holdFor, String summary, Condition condition) {

    /** Series of one metric whose labels match {@code match}. */
    public record Selector(String metric, Map<String, String> match) {

        public Selector {
            match = Map.copyOf(match);
        }
    }

    /** What a rule measures, and above which value it holds. */
    public sealed interface Condition permits Ratio, Threshold, Sum, HistogramQuantile {

        double above();
    }

    /**
     * {@code sum by (by) (numerator) / sum by (by) (denominator)} (only the denominator's positive
     * series when {@code denominatorPositiveOnly}: JVM pools without a maximum report -1), or one minus
     * that when {@code complement} (free over total gives used).
     */
    public record Ratio(Selector numerator, Selector denominator, boolean denominatorPositiveOnly, boolean complement, List<String> by,
            double above) implements Condition {

        public Ratio {
            by = List.copyOf(by);
        }
    }

    /** Each series of a gauge on its own. */
    public record Threshold(Selector series, double above) implements Condition {
    }

    /** {@code sum by (by) (series)}: a count spread over many series (one per partition, say) seen as one figure. */
    public record Sum(Selector series, List<String> by, double above) implements Condition {

        public Sum {
            by = List.copyOf(by);
        }
    }

    /** {@code histogram_quantile(quantile, sum by (le, by) (rate(metric_bucket[window])))}. */
    public record HistogramQuantile(String metric, double quantile, Duration window, List<String> by, double above) implements Condition {

        public HistogramQuantile {
            by = List.copyOf(by);
        }
    }
}
