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

    private final PrometheusMeterRegistry registry;
    private final ObjectProvider<Exporters> exporters;

    LocalMetrics(PrometheusMeterRegistry registry, ObjectProvider<Exporters> exporters) {
        this.registry = registry;
        this.exporters = exporters;
    }

    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>(Exposition.parse(registry.scrape()));
        Exporters running = exporters.getIfAvailable();
        if (running != null) {
            try {
                samples.addAll(CompletableFuture.supplyAsync(running::samples, task -> Thread.ofVirtual().name("exporters-read").start(task))
                        .get(EXPORTERS_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                log.warn("The exporters did not answer within {}: they are left out of this reading", EXPORTERS_WITHIN);
            } catch (ExecutionException | RuntimeException e) {
                log.warn("The exporters could not be read: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return samples;
    }
}
