package com.nexusai.server.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.nexusai.core.dashboard.Dashboard;
import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.core.metrics.Sample;
import com.nexusai.server.platform.NodeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The history of this instance's {@link HistorySeries}, without a TSDB: every point of the last
 * {@code nexusai.metrics.history.raw} in a fixed {@link RawRing} per series (memory known from the start), and each
 * minute's min/avg/max in PostgreSQL for {@code nexusai.metrics.history.minutes} ({@link MetricMinutes}). PostgreSQL
 * down: the rings go on, the minutes wait (a bounded queue) and are stored when it answers again.
 */
@Component
public class MetricHistory {

    private static final Logger log = LoggerFactory.getLogger(MetricHistory.class);
    /** Minutes kept for PostgreSQL while it does not answer: two hours of every series. */
    private static final int MAX_WAITING = 120 * HistorySeries.values().length;
    private static final Duration FORGET_EVERY = Duration.ofHours(1);

    private final LocalMetrics metrics;
    private final MetricMinutes minutes;
    private final MetricHistoryProperties properties;
    private final NodeName node;
    private final Clock clock;
    private final Map<HistorySeries, RawRing> rings = new EnumMap<>(HistorySeries.class);
    private final List<MetricMinutes.Row> waiting = new ArrayList<>();
    private List<Sample> previous;
    private Instant previousAt;
    private Instant forgottenAt = Instant.MIN;
    private volatile String minutesError;

    MetricHistory(LocalMetrics metrics, MetricMinutes minutes, MetricHistoryProperties properties, NodeName node,
            @Qualifier("metricsClock") ObjectProvider<Clock> metricsClock, Clock clock) {
        this.metrics = metrics;
        this.minutes = minutes;
        this.properties = properties;
        this.node = node;
        this.clock = metricsClock.getIfAvailable(() -> clock);
        long base = this.clock.instant().getEpochSecond();
        for (HistorySeries series : HistorySeries.values()) {
            rings.put(series, new RawRing(properties.rawPoints(), base));
        }
    }

    Clock clock() {
        return clock;
    }

    String node() {
        return node.value();
    }

    MetricHistoryProperties properties() {
        return properties;
    }

    /** Takes a point of every series; at most one per half interval, so a test's clock that stands still adds none. */
    @Scheduled(fixedDelayString = "${nexusai.metrics.history.interval:PT15S}", initialDelayString = "PT5S")
    synchronized void sample() {
        Instant now = clock.instant();
        if (previousAt != null && Duration.between(previousAt, now).compareTo(properties.interval().dividedBy(2)) < 0) {
            return;
        }
        List<Sample> samples = metrics.samples();
        Dashboard dashboard = Dashboard.of(node.value(), previousAt, previous, now, samples);
        previous = samples;
        previousAt = now;
        for (HistorySeries series : HistorySeries.values()) {
            double value = series.of(dashboard, samples);
            if (Double.isFinite(value)) {
                RawRing.Minute closed = rings.get(series).add(now.toEpochMilli(), value);
                if (closed != null) {
                    waiting.add(new MetricMinutes.Row(node.value(), series.id(), closed));
                }
            }
        }
        store(now);
    }

    private void store(Instant now) {
        if (waiting.size() > MAX_WAITING) {
            waiting.subList(0, waiting.size() - MAX_WAITING).clear();
        }
        try {
            if (!waiting.isEmpty()) {
                minutes.store(waiting);
                waiting.clear();
            }
            if (!now.isBefore(forgottenAt.plus(FORGET_EVERY))) {
                minutes.forget(now.minus(properties.minutes()));
                forgottenAt = now;
            }
            minutesError = null;
        } catch (RuntimeException e) {
            if (minutesError == null) {
                log.warn("The metric history's minutes wait for PostgreSQL: {}", e.getMessage());
            }
            minutesError = e.getMessage();
        }
    }

    /** The raw points of {@code series} since {@code since}, from memory. */
    List<RawRing.Point> raw(HistorySeries series, Instant since) {
        return rings.get(series).since(since.toEpochMilli());
    }

    /** One point of a series as kept in memory. */
    public record Reading(Instant at, double value) {
    }

    /** The points of {@code series} over the last {@code span} kept in memory (at most the raw window), oldest first. */
    public List<Reading> recent(HistorySeries series, java.time.Duration span) {
        return raw(series, clock.instant().minus(span)).stream()
                .map(point -> new Reading(Instant.ofEpochMilli(point.epochMilli()), point.value())).toList();
    }

    /** When the oldest raw point in memory was taken (the raw window, or the start of this process). */
    Instant rawSince(HistorySeries series) {
        long oldest = rings.get(series).oldest();
        return oldest == Long.MAX_VALUE ? clock.instant() : Instant.ofEpochMilli(oldest);
    }

    /** Why the minutes could not be stored lately, or null. */
    String minutesError() {
        return minutesError;
    }
}
