package com.nexusai.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Min/max thinning: a 15-minute window at 1 s drawn with a few hundred points, its spikes kept. */
class ChartThinningTest {

    private static List<MinMaxThinning.Point> series(int count, java.util.function.IntToDoubleFunction value) {
        return IntStream.range(0, count).mapToObj(i -> new MinMaxThinning.Point(1_000L * i, value.applyAsDouble(i))).toList();
    }

    @Test
    void aFullWindowIsDrawnWithAFewHundredPointsInTimeOrderEndingWithTheNewest() {
        List<MinMaxThinning.Point> window = series(900, i -> 400 + (i % 7)); // 15 minutes at a 1 s refresh
        List<MinMaxThinning.Point> drawn = MinMaxThinning.thin(window, 90);
        assertThat(drawn).hasSizeBetween(150, 181);
        assertThat(drawn.getLast()).isSameAs(window.getLast());
        assertThat(drawn).isSortedAccordingTo(Comparator.comparingLong(MinMaxThinning.Point::at)).doesNotHaveDuplicates();
    }

    @Test
    void aOneScrapeSpikeAndAOneScrapeDipSurvive() {
        List<MinMaxThinning.Point> window = series(900, i -> i == 457 ? 2_048 : i == 611 ? 3 : 512);
        List<MinMaxThinning.Point> drawn = MinMaxThinning.thin(window, 90);
        assertThat(drawn).extracting(MinMaxThinning.Point::value).contains(2_048.0, 3.0);
        assertThat(drawn.stream().mapToDouble(MinMaxThinning.Point::value).max().orElseThrow()).isEqualTo(2_048);
    }

    @Test
    void aShortWindowIsDrawnWhole() {
        List<MinMaxThinning.Point> window = series(120, i -> i);
        assertThat(MinMaxThinning.thin(window, 90)).isSameAs(window);
    }
}
