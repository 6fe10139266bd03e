package com.nexusai.server.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nexusai.server.events.KafkaLagMetrics;
import org.junit.jupiter.api.Test;

/** Burrow's judgement of a window of lag readings: a threshold on the lag alone could not tell these apart. */
class ConsumerLagTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    /** Readings 10 s apart: {end offset, committed offset} each, with {@code consumers} in the group. */
    private static KafkaLagMetrics.Window window(int consumers, long[]... offsets) {
        List<KafkaLagMetrics.Point> points = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            points.add(new KafkaLagMetrics.Point(START.plusSeconds(10L * i), offsets[i][0], offsets[i][1], consumers));
        }
        return new KafkaLagMetrics.Window("nexusai-audit", "nexusai.events", 0, points);
    }

    @Test
    void aConsumerThatWasCaughtUpOnceInTheWindowIsOk() {
        ConsumerLag lag = ConsumerLag.of(window(1, new long[] {100, 100}, new long[] {150, 120}, new long[] {200, 130}));

        assertThat(lag.status()).isEqualTo(ConsumerLag.Status.OK);
    }

    @Test
    void aCommittedOffsetThatDoesNotMoveWhileRecordsWaitIsAStall() {
        ConsumerLag lag = ConsumerLag.of(window(1, new long[] {110, 100}, new long[] {150, 100}, new long[] {200, 100}));

        assertThat(lag.status()).isEqualTo(ConsumerLag.Status.STALL);
        assertThat(lag.lag()).isEqualTo(100);
        assertThat(lag.consumedPerSecond()).isZero();
        assertThat(lag.producedPerSecond()).isEqualTo(4.5);
        assertThat(lag.secondsToCatchUp()).isEqualTo(-1);
    }

    @Test
    void aGroupWithoutConsumersIsStoppedWhateverItsOffsets() {
        ConsumerLag lag = ConsumerLag.of(window(0, new long[] {110, 100}, new long[] {150, 100}, new long[] {200, 100}));

        assertThat(lag.status()).isEqualTo(ConsumerLag.Status.STOP);
    }

    @Test
    void aConsumerThatCommitsButWhoseLagGrowsAtEveryReadingFallsBehind() {
        ConsumerLag lag = ConsumerLag.of(window(2, new long[] {200, 100}, new long[] {400, 250}, new long[] {600, 400}));

        assertThat(lag.status()).isEqualTo(ConsumerLag.Status.WARN);
        assertThat(lag.lagAtStart()).isEqualTo(100);
        assertThat(lag.lag()).isEqualTo(200);
    }

    @Test
    void aShrinkingLagIsOkWithTheTimeToCatchUp() {
        ConsumerLag lag = ConsumerLag.of(window(1, new long[] {20_000, 1}, new long[] {20_100, 5_001}, new long[] {20_200, 10_001}));

        assertThat(lag.status()).isEqualTo(ConsumerLag.Status.OK);
        assertThat(lag.consumedPerSecond()).isEqualTo(500);
        assertThat(lag.producedPerSecond()).isEqualTo(10);
        assertThat(lag.secondsToCatchUp()).isEqualTo(21); // 10,199 records at 490 a second gained
    }

    @Test
    void twoReadingsAreNotAWindow() {
        assertThat(ConsumerLag.of(window(1, new long[] {110, 100}, new long[] {150, 100}))).isNull();
    }
}
