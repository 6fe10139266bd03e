package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.nexusai.server.metrics.LocalMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs every analyzer at once on this instance's live evidence and gathers what they find, worst first. Each has the
 * same deadline: one that cannot read its evidence in time (a stalled PostgreSQL or Redis) gives a finding that says
 * so, and the others' findings are still answered.
 */
@Service
public class Investigation {

    private static final Logger log = LoggerFactory.getLogger(Investigation.class);

    private final List<Analyzer> analyzers;
    private final LocalMetrics metrics;
    private final PostgresSessions sessions;
    private final InvestigationProperties properties;

    Investigation(List<Analyzer> analyzers, LocalMetrics metrics, PostgresSessions sessions, InvestigationProperties properties) {
        this.analyzers = List.copyOf(analyzers);
        this.metrics = metrics;
        this.sessions = sessions;
        this.properties = properties;
    }

    public List<Finding> findings(Locale locale) {
        List<Found> found = new ArrayList<>();
        // not closed with try-with-resources: closing waits for every task, and one blocked past its deadline in a socket
        // read (a stalled PostgreSQL or Redis) would hold the answer until its own timeout
        ExecutorService running = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Signals signals = Signals.read(metrics::ownSamples, sessions::read); // the registry is in memory: read before the deadline counts
            long deadline = System.nanoTime() + properties.deadline().toNanos();
            List<Future<List<Found>>> answers = analyzers.stream()
                    .map(analyzer -> running.submit(() -> analyzer.analyze(signals)))
                    .toList();
            for (int i = 0; i < analyzers.size(); i++) {
                found.addAll(answer(analyzers.get(i), answers.get(i), deadline));
            }
        } finally {
            running.shutdownNow(); // an analyzer past its deadline is interrupted, not waited for
        }
        return found.stream()
                .sorted(Comparator.comparing(Found::severity).reversed().thenComparing(Found::id))
                .map(each -> each.in(locale))
                .toList();
    }

    private List<Found> answer(Analyzer analyzer, Future<List<Found>> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return List.of(unread(analyzer, new Evidence("investigation", "no answer within (ms)", properties.deadline().toMillis())));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            log.warn("An analyzer could not read {}: {}", analyzer.reads().in(Locale.ROOT), cause.toString());
            return List.of(unread(analyzer, new Evidence("investigation", "error", String.valueOf(cause.getMessage()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(unread(analyzer, new Evidence("investigation", "interrupted", true)));
        }
    }

    private static Found unread(Analyzer analyzer, Evidence why) {
        String name = analyzer.getClass().getSimpleName().replace("Analyzer", "").toLowerCase(Locale.ROOT);
        return new Found("unread-" + name, Severity.WARNING, Said.of("unread.title", analyzer.reads()), List.of(why), null,
                Said.of("unread.next", analyzer.reads()));
    }
}
