package com.nexusai.server.investigation;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.nexusai.core.alerts.AlertRule;
import com.nexusai.core.alerts.AlertRules;
import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.server.metrics.MetricHistory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * High latency (the guide's §6.1 row blames GC pauses), told apart by what the requests waited for: a connection from
 * the pool (the longest acquire), the collector (the longest pause), or PostgreSQL (the longest statement running). Each
 * is measured against the requests' p95 over the last five minutes (the metric history), above the shared HighLatency
 * rule's bound; the largest that explains at least a quarter of it is the cause, and all three are the evidence.
 */
@Component
@Order(10)
class LatencyAnalyzer implements Analyzer {

    static final Duration WINDOW = Duration.ofMinutes(5);
    /** The share of the p95 a wait must reach to be named the cause. */
    static final double EXPLAINS = 0.25;

    private final Function<Duration, List<MetricHistory.Reading>> p95History;
    private final double slowAbove;

    @Autowired
    LatencyAnalyzer(MetricHistory history) {
        this(span -> history.recent(HistorySeries.HTTP_P95, span), AlertRules.shipped().rules().stream().filter(rule -> rule.alert().equals("HighLatency")).map(AlertRule::condition)
                .map(condition -> condition.bound().limit()).findFirst().orElse(2.0));
    }

    LatencyAnalyzer(Function<Duration, List<MetricHistory.Reading>> p95History, double slowAbove) {
        this.p95History = p95History;
        this.slowAbove = slowAbove;
    }

    @Override
    public Said reads() {
        return Said.of("reads.latency");
    }

    @Override
    public List<Found> analyze(Signals signals) {
        double p95 = p95History.apply(WINDOW).stream().mapToDouble(MetricHistory.Reading::value)
                .filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
        if (Double.isNaN(p95) || p95 <= slowAbove) {
            return List.of();
        }
        double poolWait = signals.max("hikaricp_connections_acquire_seconds_max").orElse(0);
        double pending = signals.sum("hikaricp_connections_pending").orElse(0);
        double gcPause = signals.max("jvm_gc_pause_seconds_max").orElse(0);
        Optional<PostgresSessions.Session> slowest = slowestStatement(signals);
        double statement = slowest.map(PostgresSessions.Session::querySeconds).orElse(0.0);
        List<Evidence> evidence = List.of(
                new Evidence("history", HistorySeries.HTTP_P95.id() + ", highest over the last 5 min", round(p95)),
                Evidence.metric("hikaricp_connections_acquire_seconds_max", round(poolWait)),
                Evidence.metric("hikaricp_connections_pending", (long) pending),
                Evidence.metric("jvm_gc_pause_seconds_max", round(gcPause)),
                Evidence.postgres("longest statement running (s)", slowest.map(PostgresSessions.Session::describe).orElse("none")));
        double cause = Math.max(poolWait, Math.max(gcPause, statement));
        if (cause < EXPLAINS * p95) {
            return List.of(new Found("latency-unexplained", Severity.WARNING, Said.of("latency.unexplained.title", p95, poolWait, gcPause, statement),
                    evidence, "latency", Said.of("latency.unexplained.next")));
        }
        if (cause == poolWait) {
            return List.of(new Found("latency-from-pool-waits", Severity.WARNING, Said.of("latency.pool.title", p95, poolWait, (long) pending),
                    evidence, "pool", Said.of("latency.pool.next")));
        }
        if (cause == gcPause) {
            return List.of(new Found("latency-from-gc", Severity.WARNING, Said.of("latency.gc.title", p95, gcPause), evidence, "latency",
                    Said.of("latency.gc.next")));
        }
        return List.of(new Found("latency-from-slow-queries", Severity.WARNING, Said.of("latency.queries.title", p95, statement,
                slowest.orElseThrow().pid()), evidence, "latency", Said.of("latency.queries.next", slowest.orElseThrow().pid())));
    }

    /** The longest statement running now; none when PostgreSQL's sessions cannot be read (the other causes still count). */
    private static Optional<PostgresSessions.Session> slowestStatement(Signals signals) {
        try {
            return signals.sessions().stream().filter(session -> session.state().equals("active"))
                    .max(Comparator.comparingDouble(PostgresSessions.Session::querySeconds));
        } catch (Exception unread) {
            return Optional.empty();
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
