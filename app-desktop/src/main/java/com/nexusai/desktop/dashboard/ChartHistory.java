package com.nexusai.desktop.dashboard;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.core.metrics.MetricsApi;

/**
 * What the server remembers of the charted series over {@code range}, read when the console connects, when the range
 * changes and every few minutes; {@code error} says why it could not be read (the charts then start with this
 * console's own scrapes).
 */
public record ChartHistory(ChartRange range, Map<HistorySeries, List<MetricsApi.Point>> points, Instant readAt, String error) {

    /** The series the dashboard charts. */
    public static final List<HistorySeries> CHARTED = List.of(HistorySeries.HEAP_USED, HistorySeries.HTTP_P95, HistorySeries.KAFKA_LAG);

    public static final ChartHistory NONE = new ChartHistory(ChartRange.DEFAULT, Map.of(), null, null);

    public ChartHistory {
        points = points.isEmpty() ? Map.of() : new EnumMap<>(points);
    }

    public List<MetricsApi.Point> of(HistorySeries series) {
        return points.getOrDefault(series, List.of());
    }
}
