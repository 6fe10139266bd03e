package com.nexusai.server.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.metrics.history.*}: the history this instance keeps of its {@link com.nexusai.core.metrics.HistorySeries}.
 *
 * @param interval how often a point is taken (Prometheus's scrape interval in the guide)
 * @param raw how long every point is kept, in memory (a fixed ring per series)
 * @param minutes how long the 1-minute min/avg/max are kept, in PostgreSQL
 */
@ConfigurationProperties("nexusai.metrics.history")
public record MetricHistoryProperties(@DefaultValue("15s") Duration interval, @DefaultValue("1h") Duration raw,
        @DefaultValue("7d") Duration minutes) {

    public MetricHistoryProperties {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("nexusai.metrics.history.interval: between 1s and 1m, not " + interval);
        }
        if (raw.compareTo(interval.multipliedBy(2)) < 0 || raw.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("nexusai.metrics.history.raw: from two intervals to a day, not " + raw);
        }
        if (minutes.compareTo(raw) < 0) {
            throw new IllegalArgumentException("nexusai.metrics.history.minutes: at least nexusai.metrics.history.raw, not " + minutes);
        }
    }

    /** The points a raw ring holds: the raw window at the interval, and one more. */
    int rawPoints() {
        return (int) (raw.toMillis() / interval.toMillis()) + 1;
    }
}
