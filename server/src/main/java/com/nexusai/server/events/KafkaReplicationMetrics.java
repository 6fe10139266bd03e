package com.nexusai.server.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes how the cluster's partitions are replicated, refreshed on a schedule: kafka-exporter's series
 * ({@code kafka_topic_partition_under_replicated_partition}, {@code _leader}, {@code _replicas}, {@code
 * _in_sync_replica}, {@code kafka_broker_info}), so that existing dashboards work, and per broker for the
 * console and the alert rules ({@code nexusai_kafka_broker_up}, {@code _leaders}, {@code
 * _out_of_sync_partitions}, and the totals {@code nexusai_kafka_partitions_under_replicated} and {@code
 * _offline}). When the cluster cannot be read, every broker is shown down and the failure logged once.
 */
@Component
public class KafkaReplicationMetrics {

    /** The latest look: {@code replication} the last one read, {@code error} why the latest could not be. */
    public record Observed(Instant at, KafkaReplication replication, String error) {
    }

    private static final Logger log = LoggerFactory.getLogger(KafkaReplicationMetrics.class);

    private final KafkaReplicationReader reader;
    private final Clock clock;
    private final MultiGauge underReplicated;
    private final MultiGauge leader;
    private final MultiGauge replicas;
    private final MultiGauge inSync;
    private final MultiGauge brokerInfo;
    private final MultiGauge brokerUp;
    private final MultiGauge brokerLeaders;
    private final MultiGauge brokerOutOfSync;
    private final AtomicLong underReplicatedTotal = new AtomicLong();
    private final AtomicLong offlineTotal = new AtomicLong();
    private volatile Observed latest;

    KafkaReplicationMetrics(KafkaReplicationReader reader, MeterRegistry registry, Clock clock) {
        this.reader = reader;
        this.clock = clock;
        this.underReplicated = gauges(registry, "kafka.topic.partition.under.replicated.partition", "1 when a partition has fewer in-sync replicas than replicas");
        this.leader = gauges(registry, "kafka.topic.partition.leader", "The id of a partition's leader broker (-1: offline)");
        this.replicas = gauges(registry, "kafka.topic.partition.replicas", "A partition's replicas");
        this.inSync = gauges(registry, "kafka.topic.partition.in.sync.replica", "A partition's in-sync replicas");
        this.brokerInfo = gauges(registry, "kafka.broker.info", "A broker that is up, with its address");
        this.brokerUp = gauges(registry, "nexusai.kafka.broker.up", "1 when the broker is in the cluster's metadata, 0 when it only holds replicas");
        this.brokerLeaders = gauges(registry, "nexusai.kafka.broker.leaders", "Partitions the broker leads");
        this.brokerOutOfSync = gauges(registry, "nexusai.kafka.broker.out.of.sync.partitions", "Partitions the broker holds a replica of without being in sync");
        Gauge.builder("nexusai.kafka.partitions.under.replicated", underReplicatedTotal, AtomicLong::get)
                .description("Partitions with fewer in-sync replicas than replicas").register(registry);
        Gauge.builder("nexusai.kafka.partitions.offline", offlineTotal, AtomicLong::get)
                .description("Partitions without a leader: nobody can write or read them").register(registry);
    }

    private static MultiGauge gauges(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    @Scheduled(fixedDelayString = "${nexusai.kafka.replication-refresh:PT10S}", initialDelayString = "PT1S")
    void refresh() {
        KafkaReplication replication;
        try {
            replication = reader.read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            Observed before = latest;
            if (before == null || before.error() == null) {
                log.warn("Kafka's replication cannot be read: {}", e.getMessage());
            }
            KafkaReplication last = before == null ? new KafkaReplication(List.of(), List.of()) : before.replication();
            brokerUp.register(last.brokers().stream().map(b -> MultiGauge.Row.of(Tags.of("broker", Integer.toString(b.id())), 0)).toList(), true);
            brokerInfo.register(List.of(), true);
            latest = new Observed(clock.instant(), last, e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        if (latest != null && latest.error() != null) {
            log.info("Kafka's replication can be read again");
        }
        publish(replication);
        latest = new Observed(clock.instant(), replication, null);
    }

    private void publish(KafkaReplication replication) {
        List<KafkaReplication.Partition> partitions = replication.partitions();
        underReplicated.register(rows(partitions, p -> p.underReplicated() ? 1 : 0), true);
        leader.register(rows(partitions, KafkaReplication.Partition::leader), true);
        replicas.register(rows(partitions, KafkaReplication.Partition::replicas), true);
        inSync.register(rows(partitions, KafkaReplication.Partition::inSync), true);
        List<KafkaReplication.Broker> brokers = replication.brokers();
        brokerInfo.register(brokers.stream().filter(KafkaReplication.Broker::up)
                .map(b -> MultiGauge.Row.of(Tags.of("id", Integer.toString(b.id()), "address", b.address()), 1)).toList(), true);
        brokerUp.register(brokers.stream().map(b -> MultiGauge.Row.of(broker(b), b.up() ? 1 : 0)).toList(), true);
        brokerLeaders.register(brokers.stream().map(b -> MultiGauge.Row.of(broker(b), b.leaders())).toList(), true);
        brokerOutOfSync.register(brokers.stream().map(b -> MultiGauge.Row.of(broker(b), b.outOfSync())).toList(), true);
        underReplicatedTotal.set(replication.underReplicated());
        offlineTotal.set(replication.offline());
    }

    private static Tags broker(KafkaReplication.Broker broker) {
        return Tags.of("broker", Integer.toString(broker.id()));
    }

    private static List<MultiGauge.Row<?>> rows(List<KafkaReplication.Partition> partitions, ToDoubleFunction<KafkaReplication.Partition> value) {
        return partitions.stream().<MultiGauge.Row<?>>map(p -> MultiGauge.Row.of(
                Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition())), value.applyAsDouble(p))).toList();
    }

    /** Null until the first look. */
    public Observed latest() {
        return latest;
    }
}
