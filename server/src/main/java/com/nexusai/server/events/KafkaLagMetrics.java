package com.nexusai.server.events;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code kafka_consumer_records_lag{group,topic,partition}} (the guide's §3.1 metric) for
 * every consumer group on the broker, refreshed on a schedule. When Kafka cannot be reached the
 * last figures stay and the failure is logged once until it recovers.
 */
@Component
class KafkaLagMetrics {

    private static final Logger log = LoggerFactory.getLogger(KafkaLagMetrics.class);

    private final KafkaLagReader reader;
    private final MultiGauge lagGauge;
    private volatile boolean failing;

    KafkaLagMetrics(KafkaLagReader reader, MeterRegistry registry) {
        this.reader = reader;
        this.lagGauge = MultiGauge.builder("kafka.consumer.records.lag")
                .description("Records a consumer group has not processed yet: end offset minus committed offset")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${nexusai.kafka.lag-refresh:PT10S}", initialDelayString = "PT1S")
    void refresh() {
        try {
            List<PartitionLag> lags = reader.read();
            lagGauge.register(lags.stream()
                    .map(lag -> MultiGauge.Row.of(Tags.of("group", lag.group(), "topic", lag.topic(), "partition",
                            Integer.toString(lag.partition())), lag.lag()))
                    .toList(), true);
            if (failing) {
                log.info("Kafka consumer lag can be read again");
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!failing) {
                log.warn("Kafka consumer lag cannot be read: {}", e.getMessage());
                failing = true;
            }
        }
    }
}
