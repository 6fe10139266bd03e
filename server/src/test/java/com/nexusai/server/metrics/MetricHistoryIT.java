package com.nexusai.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.core.metrics.MetricsApi;
import com.nexusai.core.testing.ManualClock;
import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The metric history on a clock the test moves, a point a minute: two hours taken, the last hour answered point by
 * point from memory, a day answered as stored minutes with their min/avg/max and then the raw points, the exporters'
 * series among them; another instance's minutes; every wrong parameter named at once; only who reads the metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "nexusai.metrics.history.interval=PT1M")
class MetricHistoryIT extends EmbeddedServerTest {

    private static final Instant START = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);

    @TestConfiguration
    static class MetricsClock {
        @Bean
        ManualClock metricsClock() {
            return new ManualClock(START);
        }
    }

    @Autowired
    ManualClock metricsClock;

    @Autowired
    MetricHistory history;

    @Autowired
    JdbcClient jdbc;

    private void twoHours() {
        for (int minute = 0; minute < 120; minute++) {
            metricsClock.advance(Duration.ofMinutes(1));
            history.sample();
        }
    }

    private static List<Instant> times(List<MetricsApi.Point> points) {
        return points.stream().map(MetricsApi.Point::time).toList();
    }

    @Test
    void theLastHourIsEveryPointAndADayIsTheStoredMinutesThenTheRawPoints() throws Exception {
        twoHours();
        MetricsApi metrics = MetricsApi.over(newClient("DEVOPS"));
        Instant now = metricsClock.instant();

        MetricsApi.History hour = metrics.history(HistorySeries.HEAP_USED, "1h");
        assertThat(hour.stepSeconds()).isEqualTo(60);
        assertThat(hour.points()).hasSizeBetween(60, 61).allSatisfy(point -> {
            assertThat(point.value()).isPositive();
            assertThat(point.min()).as("a raw point has no min").isNaN();
        });
        assertThat(times(hour.points())).isSorted().doesNotHaveDuplicates();
        assertThat(hour.points().getLast().time()).isEqualTo(now.truncatedTo(ChronoUnit.SECONDS));
        assertThat(hour.points().getFirst().time()).isAfterOrEqualTo(now.minus(Duration.ofHours(1)));

        MetricsApi.History day = metrics.history(HistorySeries.HEAP_USED, "24h");
        assertThat(day.stepSeconds()).isEqualTo(60);
        assertThat(day.incomplete()).isNull();
        assertThat(times(day.points())).isSorted().doesNotHaveDuplicates();
        assertThat(day.points()).as("two hours, a point a minute").hasSizeBetween(115, 121);
        assertThat(day.points().getFirst().time()).isBetween(START, START.plus(Duration.ofMinutes(2)));
        List<MetricsApi.Point> stored = day.points().stream().filter(point -> !Double.isNaN(point.min())).toList();
        assertThat(stored).as("the hour before the raw one, from PostgreSQL").hasSizeBetween(55, 61)
                .allSatisfy(point -> assertThat(point.value()).isBetween(point.min(), point.max()));
        assertThat(day.points().getLast().time()).isEqualTo(now.truncatedTo(ChronoUnit.SECONDS));

        MetricsApi.History postgres = metrics.history(HistorySeries.POSTGRES_UP, "1h");
        assertThat(postgres.points()).as("the exporter's series").isNotEmpty().allSatisfy(point -> assertThat(point.value()).isEqualTo(1));

        MetricsApi.History week = metrics.history(HistorySeries.HEAP_USED, "7d");
        assertThat(week.stepSeconds()).as("at most 1440 points: 7-minute steps").isEqualTo(7 * 60);
        assertThat(week.points()).hasSizeLessThanOrEqualTo(MetricHistoryController.MAX_POINTS);
    }

    @Test
    void anotherInstancesMinutesAreReadFromTheDatabase() throws Exception {
        Instant now = metricsClock.instant();
        for (int minute = 3; minute >= 1; minute--) {
            jdbc.sql("insert into metric_minutes (instance, series, minute, min, avg, max, samples) values ('app9:8443', 'http_p95_seconds', ?, 0.1, 0.2, 0.4, 4)")
                    .param(java.time.OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minute)), java.time.ZoneOffset.UTC))
                    .update();
        }
        String devops = newUser("DEVOPS");
        JsonNode answer = Http.json(http.get("/api/metrics/history?series=http_p95_seconds&range=15m&instance=app9:8443", devops));
        assertThat(answer.path("instance").asString()).isEqualTo("app9:8443");
        assertThat(answer.path("points").valueStream().toList()).hasSize(3).allSatisfy(point -> {
            assertThat(point.path("min").asDouble()).isEqualTo(0.1);
            assertThat(point.path("avg").asDouble()).isEqualTo(0.2);
            assertThat(point.path("value").asDouble()).isEqualTo(0.2);
            assertThat(point.path("max").asDouble()).isEqualTo(0.4);
        });
    }

    @Test
    void everyWrongParameterIsNamedAtOnceInTheReadersLanguage() throws Exception {
        String devops = newUser("DEVOPS");
        HttpResponse<String> wrong = http.get("/api/metrics/history?series=heap&range=8d", devops);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Http.json(wrong).path("detail").asString()).contains("series: one of heap_used_bytes, http_p95_seconds")
                .contains("range: a duration such as 15m, 1h, 6h, 24h or 7d, from 1 minute to 7 days");
        HttpResponse<String> none = http.send(http.request("/api/metrics/history?range=1y", devops).header("Accept-Language", "fr").GET());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(Http.json(none).path("detail").asString()).contains("series : l’une de").contains("range : une durée");
        assertThat(http.get("/api/metrics/history?series=heap_used_bytes&range=0m", devops).statusCode()).isEqualTo(400);
    }

    @Test
    void onlyWhoReadsTheMetricsReadsTheirHistory() throws Exception {
        assertThat(http.get("/api/metrics/history?series=heap_used_bytes", newUser("SUPPORT")).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/metrics/history?series=heap_used_bytes", newUser("DEVELOPER")).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/metrics/history?series=heap_used_bytes").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/metrics/history?series=heap_used_bytes", admin).statusCode()).isEqualTo(200);
    }
}
