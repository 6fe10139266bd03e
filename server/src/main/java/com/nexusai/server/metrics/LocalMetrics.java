package com.nexusai.server.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.nexusai.core.metrics.Exposition;
import com.nexusai.core.metrics.Sample;
import com.nexusai.server.exporters.Exporters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * This instance's metrics as a scrape would read them: its own registry, and what its exporters (when on) answer
 * ({@code pg_up}, {@code redis_up}, {@code kafka_brokers}...). The alert rules and the metric history read it.
 */
@Component
public class LocalMetrics {

    private static final Logger log = LoggerFactory.getLogger(LocalMetrics.class);
    /** Past this, the exporters are left out of one reading: a stalled data server must not stall the alerts. */
    static final Duration EXPORTERS_WITHIN = Duration.ofSeconds(5);
    /**
     * The exporters' answer is shared this long: the alert rules and the metric history each read every 15 s, and one
     * collection (queries to PostgreSQL, Redis and Kafka) serves both.
     */
    static final Duration EXPORTERS_SHARED = Duration.ofSeconds(10);

    private record Collected(long atNanos, List<Sample> samples) {
    }

    private Collected collected;

    private final PrometheusMeterRegistry registry;
    private final ObjectProvider<Exporters> exporters;

    LocalMetrics(PrometheusMeterRegistry registry, ObjectProvider<Exporters> exporters) {
        this.registry = registry;
        this.exporters = exporters;
    }

    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>(ownSamples());
        samples.addAll(exporterSamples());
        return samples;
    }

    /** This instance's own registry only: read in memory, never waiting for a data server (the investigations' analyzers). */
    public List<Sample> ownSamples() {
        return Exposition.parse(registry.scrape());
    }

    /** What the exporters answered within the last {@link #EXPORTERS_SHARED}, else a new collection of them. */
    private synchronized List<Sample> exporterSamples() {
        Exporters running = exporters.getIfAvailable();
        if (running == null) {
            return List.of();
        }
        if (collected != null && System.nanoTime() - collected.atNanos() < EXPORTERS_SHARED.toNanos()) {
            return collected.samples();
        }
        try {
            List<Sample> read = List.copyOf(CompletableFuture.supplyAsync(running::samples,
                    task -> Thread.ofVirtual().name("exporters-read").start(task)).get(EXPORTERS_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
            collected = new Collected(System.nanoTime(), read);
            return read;
        } catch (TimeoutException e) {
            log.warn("The exporters did not answer within {}: they are left out of this reading", EXPORTERS_WITHIN);
        } catch (ExecutionException | RuntimeException e) {
            log.warn("The exporters could not be read: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }
}
