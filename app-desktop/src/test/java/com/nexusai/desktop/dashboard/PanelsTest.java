package com.nexusai.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.IntStream;

import com.nexusai.core.api.Grants;
import com.nexusai.core.dashboard.Dashboard;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** The pool, replication, Redis, Kafka lag and backup panels as the view-model says them, from scrapes built here. */
class PanelsTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    final ResourceBundle english = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH);

    static Dashboard scrape(Instant at, Dashboard.Pool pool, Dashboard.DatabaseReplica replica, List<Dashboard.Lag> lag,
            Dashboard.KafkaReplication kafka, Dashboard.Redis redis) {
        return new Dashboard("app1:8443", at, new Dashboard.Jvm(512 * 1024 * 1024, 1024 * 1024 * 1024, 2048.0 * 1024 * 1024, 64 * 1024 * 1024, 80,
                Map.of("G1 Young Generation", new double[] {6, 0.35})), new Dashboard.Http(12.5, 0, 0.044), pool, replica, lag, kafka, redis,
                new Dashboard.Host(0.5, 0.25, 0.75));
    }

    static Dashboard healthy(Instant at, double lag) {
        return scrape(at, new Dashboard.Pool(3, 7, 0, 10), new Dashboard.DatabaseReplica(1, 4096, 0.4),
                List.of(new Dashboard.Lag("nexusai-audit", "nexusai.events", "0", 5), new Dashboard.Lag("nexusai-search", "nexusai.events", "1", lag)),
                new Dashboard.KafkaReplication(List.of(new Dashboard.Broker("1", true, 3, 0)), 0, 0),
                new Dashboard.Redis("master", List.of(new Dashboard.RedisReplica("10.0.0.6:6379", 0, 1))));
    }

    DashboardViewModel model(ResourceBundle text) {
        return new DashboardViewModel(text, List.of(new FakeFeed("app1:8443")), new CurrentThreadTaskExecutor(), java.time.Clock.fixed(T0, ZoneOffset.UTC),
                Grants.everything(), new DashboardViewModelTest.ScriptedDialogs(), ZoneOffset.UTC);
    }

    static Monitor.State state(List<Dashboard> window, String backupsError) {
        return new Monitor.State(window.getLast(), window, List.of(), null, null, List.of(), backupsError, null, List.of(), ChartHistory.NONE, List.of());
    }

    @Test
    void aHealthyScrapeSaysItsNumbersAndLightsNothing() {
        Panels panels = model(english).panels(state(List.of(healthy(T0, 40)), null));
        assertThat(panels.pool()).isEqualTo("Active 3, idle 7, pending 0, max 10 (30 %)");
        assertThat(panels.poolUsage()).isEqualTo(0.3);
        assertThat(panels.heap()).isEqualTo("512 / 1024 / 2048 MiB");
        assertThat(panels.p95()).isEqualTo("44 ms");
        assertThat(panels.replica()).isEqualTo("Replica: streaming, 4096 bytes and 0.4 s behind");
        assertThat(panels.redisRole()).startsWith("master, 1 replica(s)");
        assertThat(panels.replication()).isEqualTo("Under-replicated partitions: 0, offline: 0");
        assertThat(List.of(panels.replicaWarning(), panels.redisWarning(), panels.replicationWarning())).containsOnly(false);
        assertThat(panels.backupsNote()).isEmpty();
    }

    @Test
    void aLaggingReplicaAReplicaRedisAndUnderReplicatedPartitionsAreLit() {
        Dashboard troubled = scrape(T0, new Dashboard.Pool(10, 0, 4, 10), new Dashboard.DatabaseReplica(1, 9_000_000, 42),
                List.of(), new Dashboard.KafkaReplication(List.of(new Dashboard.Broker("2", false, 0, 3)), 3, 1),
                new Dashboard.Redis("replica", List.of()));
        Panels panels = model(english).panels(state(List.of(troubled), com.nexusai.desktop.dashboard.Monitor.NEEDS_ADMIN));
        assertThat(panels.pool()).isEqualTo("Active 10, idle 0, pending 4, max 10 (100 %)");
        assertThat(panels.replicaWarning()).as("more than 30 s behind (guide §3.2)").isTrue();
        assertThat(panels.redisWarning()).as("the server writes to a replica").isTrue();
        assertThat(panels.replicationWarning()).isTrue();
        assertThat(panels.replication()).isEqualTo("Under-replicated partitions: 3, offline: 1");
        assertThat(panels.backupsNote()).isEqualTo(english.getString("backups.needsAdmin"));

        Dashboard down = scrape(T0, new Dashboard.Pool(0, 0, 0, 0), new Dashboard.DatabaseReplica(0, 123, Double.NaN), List.of(),
                new Dashboard.KafkaReplication(List.of(), Double.NaN, Double.NaN), new Dashboard.Redis("", List.of()));
        Panels none = model(english).panels(state(List.of(down), null));
        assertThat(none.replica()).isEqualTo("Replica: NOT USABLE (123 bytes behind); backups read from the primary");
        assertThat(none.replicaWarning()).isTrue();
        assertThat(none.pool()).as("no maximum published: no usage").endsWith("(0 %)");
        assertThat(none.replication()).as("not published by this server").isEmpty();
        assertThat(none.redisRole()).isEqualTo(english.getString("redis.unknown"));
    }

    @Test
    void noReplicaConfiguredHidesItsLine() {
        Dashboard alone = scrape(T0, new Dashboard.Pool(1, 1, 0, 10), new Dashboard.DatabaseReplica(Double.NaN, Double.NaN, Double.NaN), List.of(),
                new Dashboard.KafkaReplication(List.of(), 0, 0), new Dashboard.Redis("master", List.of()));
        Panels panels = model(english).panels(state(List.of(alone), null));
        assertThat(panels.replica()).isEmpty();
        assertThat(panels.replicaWarning()).isFalse();
    }

    @Test
    void theLagTrendFollowsTheWorstConsumerOfEachScrapeAndKeepsASpike() {
        List<Dashboard> window = IntStream.range(0, 900)
                .mapToObj(i -> healthy(T0.plusSeconds(i), i == 450 ? 12_000 : 40)).toList();
        Panels panels = model(english).panels(state(window, null));
        assertThat(panels.lagTrend()).hasSizeLessThanOrEqualTo(2 * Panels.TREND_BUCKETS + 1);
        assertThat(panels.lagTrend()).extracting(MinMaxThinning.Point::value).contains(12_000.0).doesNotContain(5.0);
        assertThat(panels.lagTrend().getLast().at()).isEqualTo(T0.plusSeconds(899).toEpochMilli());
        assertThat(panels.heapTrend()).allSatisfy(point -> assertThat(point.value()).isEqualTo(512.0));
    }

    @Test
    void theFrenchPanelsSayTheSameInFrench() {
        ResourceBundle french = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.FRENCH);
        Panels panels = model(french).panels(state(List.of(healthy(T0, 40)), null));
        assertThat(panels.pool()).isEqualTo(String.format(Locale.ROOT, french.getString("pool.numbers"), 3.0, 7.0, 0.0, 10.0, 30.0));
        assertThat(panels.pool()).isNotEqualTo(model(english).panels(state(List.of(healthy(T0, 40)), null)).pool());
        assertThat(panels.heap()).as("mébioctets").isEqualTo("512 / 1024 / 2048 Mio");
    }

    @Test
    void theChartsStartWithTheServersHistoryOverTheRangeThenTheLiveScrapes() {
        double mib = 1024 * 1024;
        var remembered = Map.of(com.nexusai.core.metrics.HistorySeries.HEAP_USED, List.of(
                new com.nexusai.core.metrics.MetricsApi.Point(T0.minus(java.time.Duration.ofHours(25)), 900 * mib, 900 * mib, 900 * mib),
                new com.nexusai.core.metrics.MetricsApi.Point(T0.minus(java.time.Duration.ofHours(23)), 200 * mib, 100 * mib, 300 * mib),
                new com.nexusai.core.metrics.MetricsApi.Point(T0.minus(java.time.Duration.ofMinutes(30)), 250 * mib, Double.NaN, Double.NaN),
                new com.nexusai.core.metrics.MetricsApi.Point(T0, 999 * mib, Double.NaN, Double.NaN)));
        List<Dashboard> window = List.of(healthy(T0.minusSeconds(60), 40), healthy(T0, 40));
        Monitor.State state = new Monitor.State(window.getLast(), window, List.of(), null, null, List.of(), null, null, List.of(),
                new ChartHistory(ChartRange.DAY, remembered, T0, null), List.of());
        List<MinMaxThinning.Point> heap = model(english).panels(state).heapTrend();
        assertThat(heap).extracting(MinMaxThinning.Point::value).as("25 h ago is out of the range; the server's point at the live scrape's time gives way")
                .containsExactly(100.0, 300.0, 250.0, 512.0, 512.0);
        assertThat(heap.getFirst().at()).isEqualTo(T0.minus(java.time.Duration.ofHours(23)).toEpochMilli());
        assertThat(heap.getLast().at()).isEqualTo(T0.toEpochMilli());
    }
}
