package com.nexusai.core.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.nexusai.core.metrics.Counters;
import com.nexusai.core.metrics.Sample;

/**
 * Evaluates {@link AlertRules} over successive scrapes of each instance, as Prometheus would: a
 * condition that holds is {@code PENDING}, and {@code FIRING} once it has held for the rule's
 * {@code for:} duration without a break. Time comes from the clock given, so tests drive it.
 * Not thread-safe: one evaluator per poll loop.
 */
public final class AlertEngine {

    public enum State { PENDING, FIRING }

    /** An active alert: a rule, the labels of the series or group it holds for, the value, and since when. */
    public record Alert(String name, String severity, String summary, Map<String, String> labels, double value, State state,
            Instant activeSince) {
    }

    private record Scrape(Instant at, List<Sample> samples) {
    }

    private record Key(String rule, Map<String, String> labels) {
    }

    private static final Duration HISTORY_STEP = Duration.ofSeconds(15);

    private final List<AlertRule> rules;
    private final Clock clock;
    private final Duration history;
    /** The series the rules read: a scrape is kept (for the histogram windows) with these only. */
    private final java.util.Set<String> metrics;
    private final Map<String, String> metricNames;
    /** One copy of each label set kept: six minutes of scrapes repeat the same series hundreds of times. */
    private final Map<Map<String, String>, Map<String, String>> labelSets = new HashMap<>();
    private final Map<String, Deque<Scrape>> scrapes = new HashMap<>();
    private final Map<Key, Instant> activeSince = new HashMap<>();
    private final Trends trends = new Trends();

    public AlertEngine(List<AlertRule> rules, Clock clock) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
        this.history = rules.stream().map(AlertRule::condition).filter(c -> c instanceof AlertRule.HistogramQuantile)
                .map(c -> ((AlertRule.HistogramQuantile) c).window()).max(Comparator.naturalOrder()).orElse(Duration.ZERO)
                .plusMinutes(1);
        this.metrics = this.rules.stream().flatMap(rule -> switch (rule.condition()) {
            case AlertRule.Threshold threshold -> java.util.stream.Stream.of(threshold.series().metric());
            case AlertRule.Sum sum -> java.util.stream.Stream.of(sum.series().metric());
            case AlertRule.Ratio ratio -> java.util.stream.Stream.of(ratio.numerator().metric(), ratio.denominator().metric());
            case AlertRule.HistogramQuantile quantile -> java.util.stream.Stream.of(quantile.metric() + "_bucket");
            case AlertRule.Age age -> java.util.stream.Stream.of(age.series().metric());
            case AlertRule.TimeLeft left -> java.util.stream.Stream.of(left.series().metric());
            case AlertRule.Forecast forecast -> java.util.stream.Stream.of(forecast.series().metric());
        }).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.metricNames = metrics.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, name -> name));
    }

    /** The metric families the rules read (histograms by their {@code _bucket} series). */
    public java.util.Set<String> metrics() {
        return metrics;
    }

    /** Takes one scrape of {@code instance} (now, by the clock) and returns that instance's active alerts. */
    public List<Alert> evaluate(String instance, List<Sample> samples) {
        Instant now = clock.instant();
        Deque<Scrape> kept = scrapes.computeIfAbsent(instance, ignored -> new ArrayDeque<>());
        // only what the rules read: a 1 s refresh keeps six minutes of scrapes per instance
        if (labelSets.size() > 100_000) {
            labelSets.clear(); // series churn (instances or URIs come and go): start the dedup over
        }
        Scrape newest = new Scrape(now, samples.stream().filter(s -> metrics.contains(s.name())).map(s -> kept(s, instance)).toList());
        // history one scrape per HISTORY_STEP (Prometheus's own interval in the guide), plus the newest: a 1 s
        // refresh would otherwise keep 360 scrapes of every histogram bucket
        if (kept.size() >= 2) {
            Scrape last = kept.removeLast();
            if (Duration.between(kept.peekLast().at(), last.at()).compareTo(HISTORY_STEP) >= 0) {
                kept.addLast(last);
            }
        }
        kept.addLast(newest);
        while (kept.size() > 1 && kept.peekFirst().at().isBefore(now.minus(history))) {
            kept.removeFirst();
        }
        List<Alert> active = new ArrayList<>();
        for (AlertRule rule : rules) {
            Map<Map<String, String>, Double> values = rule.condition() instanceof AlertRule.Forecast forecast
                    ? trends.forecast(rule.alert(), instance, forecast, newest.samples(), now)
                    : values(rule.condition(), kept, now);
            AlertRule.Bound bound = rule.condition().bound();
            activeSince.keySet().removeIf(key -> key.rule().equals(rule.alert()) && instance.equals(key.labels().get("instance"))
                    && !(values.containsKey(key.labels()) && bound.holds(values.get(key.labels()))));
            values.forEach((labels, value) -> {
                if (bound.holds(value)) {
                    Instant since = activeSince.computeIfAbsent(new Key(rule.alert(), labels), ignored -> now);
                    State state = !now.isBefore(since.plus(rule.holdFor())) ? State.FIRING : State.PENDING;
                    active.add(new Alert(rule.alert(), rule.severity(), rule.summary(), labels, value, state, since));
                }
            });
        }
        return active;
    }

    private Sample kept(Sample sample, String instance) {
        Map<String, String> labels = new LinkedHashMap<>(sample.labels());
        labels.putIfAbsent("instance", instance);
        Map<String, String> shared = labelSets.computeIfAbsent(labels, Map::copyOf);
        return new Sample(metricNames.getOrDefault(sample.name(), sample.name()), shared, sample.value());
    }

    private static Map<Map<String, String>, Double> values(AlertRule.Condition condition, Deque<Scrape> scrapes, Instant now) {
        List<Sample> current = scrapes.peekLast().samples();
        return switch (condition) {
            case AlertRule.Threshold threshold -> {
                Map<Map<String, String>, Double> values = new LinkedHashMap<>();
                each(current, threshold.series(), values::put);
                yield values;
            }
            case AlertRule.Sum sum -> sum(current, sum.series(), sum.by(), false);
            case AlertRule.Ratio ratio -> {
                Map<Map<String, String>, Double> numerator = sum(current, ratio.numerator(), ratio.by(), false);
                Map<Map<String, String>, Double> denominator = sum(current, ratio.denominator(), ratio.by(), ratio.denominatorPositiveOnly());
                Map<Map<String, String>, Double> values = new LinkedHashMap<>();
                numerator.forEach((group, top) -> {
                    Double bottom = denominator.get(group);
                    if (bottom != null && bottom > 0) {
                        values.put(group, ratio.complement() ? 1 - top / bottom : top / bottom);
                    }
                });
                yield values;
            }
            case AlertRule.HistogramQuantile quantile -> quantiles(quantile, scrapes, now);
            case AlertRule.Age age -> {
                Map<Map<String, String>, Double> values = new LinkedHashMap<>();
                each(current, age.series(), (labels, value) -> values.put(labels, seconds(now) - value));
                yield values;
            }
            case AlertRule.TimeLeft left -> {
                Map<Map<String, String>, Double> values = new LinkedHashMap<>();
                each(current, left.series(), (labels, value) -> values.put(labels, value - seconds(now)));
                yield values;
            }
            case AlertRule.Forecast forecast -> throw new IllegalStateException("forecasts are read from the trends");
        };
    }

    /** Every series of {@code selector} with a value (NaN is "not known": a gauge with nothing to say yet). */
    static void each(List<Sample> samples, AlertRule.Selector selector, java.util.function.BiConsumer<Map<String, String>, Double> action) {
        for (Sample sample : samples) {
            if (sample.name().equals(selector.metric()) && sample.matches(selector.match()) && !Double.isNaN(sample.value())) {
                action.accept(sample.labels(), sample.value());
            }
        }
    }

    static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    private static Map<Map<String, String>, Double> sum(List<Sample> samples, AlertRule.Selector selector, List<String> by, boolean positiveOnly) {
        Map<Map<String, String>, Double> sums = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (sample.name().equals(selector.metric()) && sample.matches(selector.match()) && !Double.isNaN(sample.value())
                    && (!positiveOnly || sample.value() > 0)) {
                sums.merge(group(sample, by), sample.value(), Double::sum);
            }
        }
        return sums;
    }

    private static Map<String, String> group(Sample sample, List<String> by) {
        Map<String, String> group = new TreeMap<>();
        for (String label : by) {
            String value = sample.label(label);
            if (value != null) {
                group.put(label, value);
            }
        }
        return group;
    }

    /**
     * The increase of every bucket over the window (the oldest scrape in it against the newest),
     * summed by {@code by} and {@code le}, then Prometheus's {@code histogram_quantile} interpolation.
     */
    private static Map<Map<String, String>, Double> quantiles(AlertRule.HistogramQuantile rule, Deque<Scrape> scrapes, Instant now) {
        Scrape newest = scrapes.peekLast();
        Scrape oldest = scrapes.stream().filter(s -> !s.at().isBefore(now.minus(rule.window()))).findFirst().orElse(newest);
        if (oldest == newest) {
            return Map.of();
        }
        Map<Map<String, String>, TreeMap<Double, Double>> increases = new LinkedHashMap<>();
        for (Sample bucket : Counters.increases(oldest.samples(), newest.samples(), rule.metric() + "_bucket")) {
            if (bucket.label("le") != null) {
                increases.computeIfAbsent(group(bucket, rule.by()), ignored -> new TreeMap<>())
                        .merge(Counters.upperBound(bucket.label("le")), bucket.value(), Double::sum);
            }
        }
        Map<Map<String, String>, Double> values = new LinkedHashMap<>();
        increases.forEach((group, buckets) -> {
            double quantile = Counters.quantile(rule.quantile(), buckets);
            if (!Double.isNaN(quantile)) {
                values.put(group, quantile);
            }
        });
        return values;
    }
}
