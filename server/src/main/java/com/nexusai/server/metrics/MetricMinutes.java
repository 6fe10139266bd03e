package com.nexusai.server.metrics;

import java.time.Instant;
import java.util.List;

import com.nexusai.server.sql.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The 1-minute min/avg/max of every instance's series, in PostgreSQL ({@code metric_minutes}). */
@Component
class MetricMinutes {

    /** A minute to store: whose, which series, and its figures. */
    record Row(String instance, String series, RawRing.Minute minute) {
    }

    /** A stored span (a minute, or several minutes merged into one step): its start and figures. */
    record Span(Instant start, double min, double avg, double max) {
    }

    private final JdbcClient jdbc;

    MetricMinutes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void store(List<Row> rows) {
        for (Row row : rows) {
            jdbc.sql("""
                            insert into metric_minutes (instance, series, minute, min, avg, max, samples) values (?, ?, ?, ?, ?, ?, ?)
                            on conflict (instance, series, minute) do nothing""")
                    .params(row.instance(), row.series(), Columns.timestamp(Instant.ofEpochSecond(row.minute().epochMinute() * 60)),
                            row.minute().min(), row.minute().avg(), row.minute().max(), row.minute().samples())
                    .update();
        }
    }

    /**
     * The minutes of {@code series} on {@code instance} in [{@code since}, {@code until}), merged into spans of
     * {@code stepMinutes} (min of the mins, max of the maxes, the average weighted by samples), the oldest first.
     */
    List<Span> spans(String instance, String series, Instant since, Instant until, long stepMinutes) {
        long step = stepMinutes * 60;
        return jdbc.sql("""
                        select floor(extract(epoch from minute) / ?) * ? as start, min(min) as min,
                               sum(avg * samples) / sum(samples) as avg, max(max) as max
                        from metric_minutes where instance = ? and series = ? and minute >= ? and minute < ?
                        group by 1 order by 1""")
                .params(step, step, instance, series, Columns.timestamp(since), Columns.timestamp(until))
                .query((rs, n) -> new Span(Instant.ofEpochSecond(rs.getLong("start")), rs.getDouble("min"), rs.getDouble("avg"),
                        rs.getDouble("max")))
                .list();
    }

    /** Drops the minutes older than {@code before}; returns how many. */
    int forget(Instant before) {
        return jdbc.sql("delete from metric_minutes where minute < ?").param(Columns.timestamp(before)).update();
    }
}
