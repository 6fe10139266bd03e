package com.nexusai.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The ring keeps the newest points only, in order, and closes each minute with its min, average and max. */
class RawRingTest {

    private static final long BASE = 1_789_999_980L; // a whole minute, in seconds

    @Test
    void aFullRingKeepsTheNewestPointsOldestFirst() {
        RawRing ring = new RawRing(4, BASE);
        for (int i = 0; i < 6; i++) {
            ring.add((BASE + 15L * i) * 1000, i);
        }
        assertThat(ring.since(0)).extracting(RawRing.Point::value).containsExactly(2.0, 3.0, 4.0, 5.0);
        assertThat(ring.since((BASE + 60) * 1000)).extracting(RawRing.Point::value).containsExactly(4.0, 5.0);
        assertThat(ring.oldest()).isEqualTo((BASE + 30) * 1000);
    }

    @Test
    void aPointOfANewMinuteClosesTheLastOne() {
        RawRing ring = new RawRing(10, BASE);
        assertThat(ring.add(BASE * 1000, 4)).isNull();
        assertThat(ring.add((BASE + 15) * 1000, 2)).isNull();
        assertThat(ring.add((BASE + 45) * 1000, 9)).isNull();
        RawRing.Minute closed = ring.add((BASE + 60) * 1000, 1);
        assertThat(closed).isEqualTo(new RawRing.Minute(BASE / 60, 2, 5, 9, 3));
    }

    @Test
    void rangesAreWrittenAsPrometheusWritesDurations() {
        assertThat(MetricHistoryController.duration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(MetricHistoryController.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(MetricHistoryController.duration("1y")).isNull();
        assertThat(MetricHistoryController.duration("-1h")).isNull();
        assertThat(MetricHistoryController.duration(null)).isNull();
    }
}
