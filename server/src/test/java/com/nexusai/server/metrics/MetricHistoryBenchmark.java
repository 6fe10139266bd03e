package com.nexusai.server.metrics;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.nexusai.core.api.NexusClient;
import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.core.metrics.MetricsApi;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's figures for BENCHMARKS.md: {@code ./mvnw -B -Pbenchmark -pl server -am verify -Dit.test=MetricHistoryBenchmark}.
 * The bytes of one series in memory (the raw hour's ring, measured over 10,000 full rings) against the obvious
 * structure (a deque of time-and-value records) in the same run; the bytes on disk of 7 days of minutes per series in
 * the packaged server's PostgreSQL; the time for the console's client to have 24 h of a series, against one scrape of
 * the same server. Writes {@code server/target/benchmarks/metric-history.md}.
 */
class MetricHistoryBenchmark {

    private static final Pattern POSTGRES = Pattern.compile("PostgreSQL .* ready at (jdbc:postgresql://\\S+)");
    private static final int SERIES = 10_000;
    /** An hour at 15 s, and one more: what nexusai.metrics.history's defaults make. */
    private static final int POINTS = new MetricHistoryProperties(Duration.ofSeconds(15), Duration.ofHours(1), Duration.ofDays(7)).rawPoints();

    @TempDir
    Path tmp;

    /** The heap in use once full collections stop freeing anything (at most ten). */
    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                break;
            }
            used = now;
        }
        return used;
    }

    private record Naive(Instant at, double value) {
    }

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder("# Metric history, measured\n\nMachine: " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ".\n\n## In memory: one series' raw hour (" + POINTS + " points at 15 s)\n\n");
        long base = Instant.now().getEpochSecond();
        long before = heapAfterGc();
        List<RawRing> rings = new ArrayList<>(SERIES);
        for (int s = 0; s < SERIES; s++) {
            RawRing ring = new RawRing(POINTS, base);
            for (int p = 0; p < POINTS + 10; p++) {
                ring.add((base + 15L * p) * 1000, s + p * 0.5);
            }
            rings.add(ring);
        }
        long ours = (heapAfterGc() - before) / SERIES;
        if (rings.size() != SERIES) {
            throw new AssertionError("rings lost");
        }
        rings = null;
        before = heapAfterGc();
        List<ArrayDeque<Naive>> naive = new ArrayList<>(SERIES);
        for (int s = 0; s < SERIES; s++) {
            ArrayDeque<Naive> deque = new ArrayDeque<>();
            for (int p = 0; p < POINTS + 10; p++) {
                deque.addLast(new Naive(Instant.ofEpochSecond(base + 15L * p), s + p * 0.5));
                if (deque.size() > POINTS) {
                    deque.removeFirst();
                }
            }
            naive.add(deque);
        }
        long reference = (heapAfterGc() - before) / SERIES;
        if (naive.size() != SERIES) {
            throw new AssertionError("deques lost");
        }
        naive = null;
        report.append("| structure | bytes per series (heap after GC, over ").append(SERIES).append(" series) | bytes per point |\n|---|---|---|\n")
                .append("| `RawRing` (int seconds + float value arrays) | ").append(ours).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", ours / (double) POINTS)).append(" |\n")
                .append("| reference: `ArrayDeque` of (`Instant`, `double`) records | ").append(reference).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", reference / (double) POINTS)).append(" |\n")
                .append("| Netdata's figure for one collected metric (its documentation, not measured here) | 16384 | |\n\n")
                .append("The server keeps ").append(HistorySeries.values().length).append(" series: ")
                .append(HistorySeries.values().length * ours / 1024).append(" KiB for its whole raw history.\n\n");

        Path dataDir = tmp.resolve("data");
        try (ServerProcess server = ServerProcess.startEmbedded(tmp.resolve("server.log"), dataDir, 0)) {
            String url = server.awaitReady(Duration.ofMinutes(3));
            String password = Files.readString(dataDir.resolve("secrets/admin-password")).strip();
            Http http = new Http(url);
            String token = http.accessToken("admin", password);
            String node = Http.json(http.get("/api/metrics/history?series=heap_used_bytes&range=15m", token)).path("instance").asString();
            int diskSeries = 20;
            try (Connection db = DriverManager.getConnection(server.find(POSTGRES), "postgres", ServerProcess.secret(dataDir, "postgres-password"));
                    Statement statement = db.createStatement()) {
                statement.execute("""
                        insert into metric_minutes (instance, series, minute, min, avg, max, samples)
                        select 'bench:%d', 'series_' || s, date_trunc('minute', now()) - make_interval(mins => m),
                               random() * 1e9, random() * 1e9, random() * 1e9, 4
                        from generate_series(1, %d) s, generate_series(1, 10080) m""".formatted(diskSeries, diskSeries));
                statement.execute("""
                        insert into metric_minutes (instance, series, minute, min, avg, max, samples)
                        select '%s', 'heap_used_bytes', date_trunc('minute', now()) - make_interval(mins => m),
                               2e8 + random() * 1e8, 3e8 + random() * 1e8, 4e8 + random() * 1e8, 4
                        from generate_series(61, 1440) m on conflict do nothing""".formatted(node));
                statement.execute("vacuum analyze metric_minutes");
                long rows;
                long bytes;
                try (ResultSet rs = statement.executeQuery(
                        "select count(*), pg_total_relation_size('metric_minutes') from metric_minutes where instance like 'bench:%'")) {
                    rs.next();
                    rows = rs.getLong(1);
                    bytes = rs.getLong(2);
                }
                report.append("## On disk: 7 days of 1-minute min/avg/max in PostgreSQL\n\n")
                        .append("| series | rows | table and indexes | bytes per series (7 days) | bytes per minute |\n|---|---|---|---|---|\n")
                        .append("| ").append(diskSeries).append(" | ").append(rows).append(" | ").append(bytes / (1024 * 1024)).append(" MiB | ")
                        .append(bytes / diskSeries).append(" | ").append(bytes / Math.max(1, rows)).append(" |\n\n")
                        .append("(The table also holds the server's own minutes of the day drawn below: under 1 % of it.)\n\n");
            }

            NexusClient client = new NexusClient(URI.create(url), Clock.systemUTC());
            client.login("admin", password);
            MetricsApi metrics = MetricsApi.over(client);
            long[] day = new long[6];
            long[] scrape = new long[6];
            int points = 0;
            for (int run = 0; run < day.length; run++) {
                long t0 = System.nanoTime();
                points = metrics.history(HistorySeries.HEAP_USED, "24h").points().size();
                day[run] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                client.prometheus();
                scrape[run] = System.nanoTime() - t0;
            }
            report.append("## The console's 24 h: `MetricsApi.history(HEAP_USED, \"24h\")`, request to parsed points\n\n")
                    .append("| | first (ms) | median of the next 5 (ms) |\n|---|---|---|\n")
                    .append("| 24 h of heap (").append(points).append(" points) | ").append(day[0] / 1_000_000).append(" | ")
                    .append(median(Arrays.copyOfRange(day, 1, day.length)) / 1_000_000).append(" |\n")
                    .append("| reference: one scrape of `/actuator/prometheus`, parsed as text | ").append(scrape[0] / 1_000_000).append(" | ")
                    .append(median(Arrays.copyOfRange(scrape, 1, scrape.length)) / 1_000_000).append(" |\n");
        }
        Path out = Path.of("target", "benchmarks", "metric-history.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
