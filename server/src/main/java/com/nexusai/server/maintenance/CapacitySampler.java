package com.nexusai.server.maintenance;

import com.nexusai.server.platform.NodeName;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every 15 minutes, this instance's heap in use, active database connections and the largest Kafka
 * consumer lag, kept 100 days: what the quarterly capacity review reports the peaks of.
 */
@Component
class CapacitySampler {

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final NodeName node;

    CapacitySampler(MeterRegistry registry, JdbcClient jdbc, NodeName node) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.node = node;
    }

    @Scheduled(fixedDelayString = "${nexusai.maintenance.capacity-sample-interval:PT15M}", initialDelayString = "PT1M")
    void sample() {
        long heap = (long) sum(Search.in(registry).name("jvm.memory.used").tag("area", "heap"));
        long pool = (long) sum(Search.in(registry).name("hikaricp.connections.active"));
        long lag = (long) Search.in(registry).name("kafka.consumer.records.lag").gauges().stream()
                .mapToDouble(gauge -> gauge.value()).filter(v -> !Double.isNaN(v)).max().orElse(0);
        try {
            jdbc.sql("insert into capacity_samples (node, heap_used, pool_active, kafka_lag) values (?, ?, ?, ?)")
                    .params(node.value(), heap, (int) pool, lag).update();
            jdbc.sql("delete from capacity_samples where taken_at < now() - interval '100 days'").update();
        } catch (RuntimeException e) {
            // the database is down: this sample is lost, the db health component says why
        }
    }

    private static double sum(Search search) {
        return search.gauges().stream().mapToDouble(gauge -> gauge.value()).filter(v -> !Double.isNaN(v)).sum();
    }
}
