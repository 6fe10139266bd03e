package com.nexusai.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import com.nexusai.core.dashboard.Dashboard;
import org.junit.jupiter.api.Test;

class ChartThinningTest {

    private static List<Dashboard> scrapes(int count) {
        Instant start = Instant.parse("2026-11-24T10:00:00Z");
        return IntStream.range(0, count).mapToObj(i -> Dashboard.of("app1:8080", null, null, start.plusSeconds(i), List.of())).toList();
    }

    @Test
    void aFullWindowIsDrawnWithAFewHundredPointsEndingWithTheNewest() {
        List<Dashboard> window = scrapes(900); // 15 minutes at a 1 s refresh
        List<Dashboard> drawn = DashboardView.thinned(window);
        assertThat(drawn).hasSizeBetween(150, 180);
        assertThat(drawn.getLast()).isSameAs(window.getLast());
        assertThat(drawn).isSortedAccordingTo(java.util.Comparator.comparing(Dashboard::at));
    }

    @Test
    void aShortWindowIsDrawnWhole() {
        List<Dashboard> window = scrapes(120);
        assertThat(DashboardView.thinned(window)).isSameAs(window);
    }
}
