package com.nexusai.core.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One alert rule: the same definition drives the console's engine, the server's and the rendered Prometheus rule.
 * Fires when {@link #condition} has held for {@link #holdFor} ({@code for:} in Prometheus).
 */
public record AlertRule(String alert, String severity, Duration holdFor, String summary, Condition condition) {

    /** Series of one metric whose labels match {@code match}. */
    public record Selector(String metric, Map<String, String> match) {

        public Selector {
            match = Map.copyOf(match);
        }
    }

    /** Where a condition's value must be for it to hold: strictly above, or strictly below, a limit. */
    public record Bound(boolean below, double limit) {

        public static Bound above(double limit) {
            return new Bound(false, limit);
        }

        public static Bound below(double limit) {
            return new Bound(true, limit);
        }

        public boolean holds(double value) {
            return below ? value < limit : value > limit;
        }

        /** {@code " > 0.9"} or {@code " < 1"}: the comparison as PromQL writes it. */
        String promql() {
            return (below ? " < " : " > ") + (limit == Math.rint(limit) ? Long.toString((long) limit) : String.format(Locale.ROOT, "%s", limit));
        }
    }

    /** What a rule measures, and where its value must be for it to hold. */
    public sealed interface Condition permits Ratio, Threshold, Sum, HistogramQuantile, Age, TimeLeft, Forecast {

        Bound bound();
    }

    /**
     * {@code sum by (by) (numerator) / sum by (by) (denominator)} (only the denominator's positive
     * series when {@code denominatorPositiveOnly}: JVM pools without a maximum report -1), or one minus
     * that when {@code complement} (free over total gives used).
     */
    public record Ratio(Selector numerator, Selector denominator, boolean denominatorPositiveOnly, boolean complement, List<String> by,
            Bound bound) implements Condition {

        public Ratio {
            by = List.copyOf(by);
        }
    }

    /** Each series of a gauge on its own. */
    public record Threshold(Selector series, Bound bound) implements Condition {
    }

    /** {@code sum by (by) (series)}: a count spread over many series (one per partition, say) seen as one figure. */
    public record Sum(Selector series, List<String> by, Bound bound) implements Condition {

        public Sum {
            by = List.copyOf(by);
        }
    }

    /** {@code histogram_quantile(quantile, sum by (le, by) (rate(metric_bucket[window])))}. */
    public record HistogramQuantile(String metric, double quantile, Duration window, List<String> by, Bound bound) implements Condition {

        public HistogramQuantile {
            by = List.copyOf(by);
        }
    }

    /** {@code time() - series}: how long ago the Unix time a gauge holds was (the last good backup, say). */
    public record Age(Selector series, Bound bound) implements Condition {
    }

    /** {@code series - time()}: how long until the Unix time a gauge holds (a certificate's end, say). */
    public record TimeLeft(Selector series, Bound bound) implements Condition {
    }

    /**
     * {@code predict_linear(series[window], ahead)}: the gauge's value {@code ahead} from now if it goes on as
     * the least-squares line through the last {@code window} of it says (free disk space reaching zero, say).
     */
    public record Forecast(Selector series, Duration window, Duration ahead, Bound bound) implements Condition {
    }
}
