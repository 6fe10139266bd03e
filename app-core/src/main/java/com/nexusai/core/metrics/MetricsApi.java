package com.nexusai.core.metrics;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;

/** A server's history of its own series ({@code GET /api/metrics/history}, who may read the metrics). */
public interface MetricsApi {

    /** A point: its time and value; over a step of stored minutes, also the min and max (NaN for a raw point). */
    record Point(Instant time, double value, double min, double max) {
    }

    /** {@code series} on {@code instance} over a range, one point every {@code stepSeconds}; {@code incomplete}: why part is missing, or null. */
    record History(String series, String instance, long stepSeconds, List<Point> points, String incomplete) {

        public History {
            points = List.copyOf(points);
        }
    }

    /** The answering instance's {@code series} over the last {@code range} ({@code 15m}, {@code 1h}, {@code 6h}, {@code 24h}, {@code 7d}). */
    History history(HistorySeries series, String range) throws IOException, InterruptedException;

    static MetricsApi over(NexusClient client) {
        return (series, range) -> {
            var answer = client.getJson("/api/metrics/history?series=" + series.id() + "&range=" + URLEncoder.encode(range, StandardCharsets.UTF_8));
            List<Point> points = answer.path("points").valueStream().map(p -> new Point(Json.instant(p, "time"), p.path("value").asDouble(),
                    p.path("min").asDouble(Double.NaN), p.path("max").asDouble(Double.NaN))).toList();
            return new History(Json.text(answer, "series"), Json.text(answer, "instance"), answer.path("stepSeconds").asLong(), points,
                    answer.path("incomplete").isMissingNode() ? null : answer.path("incomplete").asString());
        };
    }
}
