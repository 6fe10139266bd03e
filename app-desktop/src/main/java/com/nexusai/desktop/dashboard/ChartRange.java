package com.nexusai.desktop.dashboard;

import java.time.Duration;

/** How far back the dashboard's charts reach: the server's history fills them, the live scrapes extend them. */
public enum ChartRange {

    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    HOUR("1h", Duration.ofHours(1)),
    SIX_HOURS("6h", Duration.ofHours(6)),
    DAY("24h", Duration.ofHours(24)),
    WEEK("7d", Duration.ofDays(7));

    /** What a console shows first: a console opened in the morning shows the night. */
    public static final ChartRange DEFAULT = DAY;

    private final String query;
    private final Duration span;

    ChartRange(String query, Duration span) {
        this.query = query;
        this.span = span;
    }

    /** As {@code /api/metrics/history?range=} takes it, and the key of its label ({@code range.<query>}). */
    public String query() {
        return query;
    }

    public Duration span() {
        return span;
    }
}
