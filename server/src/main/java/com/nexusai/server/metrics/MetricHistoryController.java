package com.nexusai.server.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.server.web.BadRequestException;
import com.nexusai.server.web.ProblemText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/metrics/history?series=&range=&instance=} (ADMIN and DEVOPS, who read the metrics): a series over the
 * last {@code range} ({@code 15m}, {@code 1h}, {@code 6h}, {@code 24h}, {@code 7d}, or any {@code <n>s|m|h|d} up to the
 * minutes kept). Within the raw window, every point; beyond it, one point a step (a minute, or more so that a range
 * is at most {@value #MAX_POINTS} points) with its min, avg and max, and the newest raw points after the last stored minute.
 */
@Tag(name = "Metrics")
@RestController
class MetricHistoryController {

    static final int MAX_POINTS = 1440;
    private static final Pattern RANGE = Pattern.compile("([1-9][0-9]{0,4})([smhd])");

    /** A point: {@code value}, and for a step of stored minutes its {@code min}, {@code avg} (= value) and {@code max}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Point(Instant time, double value, Double min, Double avg, Double max) {
    }

    /** {@code incomplete}: why part of the range could not be read (PostgreSQL down), or absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record History(String series, String instance, String range, long stepSeconds, List<Point> points, String incomplete) {
    }

    private final MetricHistory history;
    private final MetricMinutes minutes;

    MetricHistoryController(MetricHistory history, MetricMinutes minutes) {
        this.history = history;
        this.minutes = minutes;
    }

    @Operation(summary = "Reads the history of metric series over a range")
    @GetMapping("/api/metrics/history")
    History history(@RequestParam(required = false) String series, @RequestParam(defaultValue = "1h") String range,
            @RequestParam(required = false) String instance) {
        List<ProblemText> problems = new ArrayList<>();
        HistorySeries chosen = series == null ? null : HistorySeries.byId(series.strip()).orElse(null);
        if (chosen == null) {
            problems.add(ProblemText.of("metrics.history.series", String.join(", ", HistorySeries.ids())));
        }
        Duration span = duration(range);
        Duration longest = history.properties().minutes();
        if (span == null || span.compareTo(Duration.ofMinutes(1)) < 0 || span.compareTo(longest) > 0) {
            problems.add(ProblemText.of("metrics.history.range", longest.toDays()));
        }
        String whose = instance == null || instance.isBlank() ? history.node() : instance.strip();
        if (whose.length() > 255) {
            problems.add(ProblemText.of("metrics.history.instance"));
        }
        if (!problems.isEmpty()) {
            throw new BadRequestException(problems.stream().reduce((first, next) -> ProblemText.of("input.and", first, next)).orElseThrow());
        }
        Instant now = history.clock().instant();
        Instant since = now.minus(span);
        boolean here = whose.equals(history.node());
        List<Point> points = new ArrayList<>();
        String incomplete = null;
        long stepMinutes = Math.max(1, (span.toMinutes() + MAX_POINTS - 1) / MAX_POINTS);
        Instant rawFrom = here ? history.rawSince(chosen) : now;
        boolean rawOnly = here && span.compareTo(history.properties().raw()) <= 0 && !rawFrom.isAfter(since);
        if (!rawOnly) {
            try {
                for (MetricMinutes.Span stored : minutes.spans(whose, chosen.id(), since, here ? rawFrom : now, stepMinutes)) {
                    points.add(new Point(stored.start(), stored.avg(), stored.min(), stored.avg(), stored.max()));
                }
            } catch (org.springframework.dao.DataAccessException e) {
                incomplete = "the stored minutes could not be read: " + e.getMostSpecificCause().getMessage();
            }
        }
        if (here) {
            Instant after = points.isEmpty() ? since : points.getLast().time().plus(Duration.ofMinutes(stepMinutes));
            for (RawRing.Point raw : history.raw(chosen, after.isAfter(since) ? after : since)) {
                points.add(new Point(Instant.ofEpochMilli(raw.epochMilli()), raw.value(), null, null, null));
            }
        }
        long step = rawOnly ? history.properties().interval().toSeconds() : stepMinutes * 60;
        return new History(chosen.id(), whose, range, step, points, incomplete);
    }

    /** {@code 90s}, {@code 15m}, {@code 6h}, {@code 7d}; null when it is not one. */
    static Duration duration(String text) {
        Matcher matcher = RANGE.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
