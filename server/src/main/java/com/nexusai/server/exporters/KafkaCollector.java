package com.nexusai.server.exporters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nexusai.server.events.KafkaLagReader;
import com.nexusai.server.events.KafkaReplication;
import com.nexusai.server.events.KafkaReplicationReader;
import com.nexusai.server.events.PartitionLag;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kafka-exporter's core series, read from the broker at each scrape: {@code kafka_brokers}, {@code
 * kafka_consumergroup_lag{consumergroup,topic,partition}}, {@code kafka_consumergroup_current_offset}
 * (the same labels), {@code kafka_consumergroup_lag_sum{consumergroup,topic}} and {@code
 * kafka_topic_partition_current_offset{topic,partition}}, and replication: {@code
 * kafka_broker_info{address,id}}, {@code kafka_topic_partitions{topic}}, {@code
 * kafka_topic_partition_leader}, {@code _replicas}, {@code _in_sync_replica} and {@code
 * _under_replicated_partition} (labels topic, partition). When the broker does not answer, only {@code
 * kafka_brokers 0}.
 */
final class KafkaCollector extends Collector {

    private static final Logger log = LoggerFactory.getLogger(KafkaCollector.class);
    private static final List<String> PARTITION = List.of("consumergroup", "topic", "partition");

    private final Admin admin;
    private final KafkaLagReader lags;
    private final KafkaReplicationReader replication;

    KafkaCollector(Admin admin, KafkaLagReader lags, KafkaReplicationReader replication) {
        this.admin = admin;
        this.lags = lags;
        this.replication = replication;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        try {
            int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
            GaugeMetricFamily lag = new GaugeMetricFamily("kafka_consumergroup_lag", "Messages a consumer group has still to read on a partition.", PARTITION);
            GaugeMetricFamily current = new GaugeMetricFamily("kafka_consumergroup_current_offset", "A consumer group's committed offset on a partition.", PARTITION);
            GaugeMetricFamily lagSum = new GaugeMetricFamily("kafka_consumergroup_lag_sum", "A consumer group's lag over a topic's partitions.", List.of("consumergroup", "topic"));
            GaugeMetricFamily end = new GaugeMetricFamily("kafka_topic_partition_current_offset", "A partition's end offset.", List.of("topic", "partition"));
            Map<List<String>, Long> sums = new HashMap<>();
            Map<List<String>, Long> ends = new HashMap<>();
            for (PartitionLag partition : lags.read()) {
                List<String> labels = List.of(partition.group(), partition.topic(), Integer.toString(partition.partition()));
                lag.addMetric(labels, partition.lag());
                current.addMetric(labels, partition.committedOffset());
                sums.merge(List.of(partition.group(), partition.topic()), partition.lag(), Long::sum);
                ends.put(List.of(partition.topic(), Integer.toString(partition.partition())), partition.endOffset());
            }
            sums.forEach((labels, sum) -> lagSum.addMetric(labels, sum));
            ends.forEach((labels, offset) -> end.addMetric(labels, offset));
            families.addAll(List.of(new GaugeMetricFamily("kafka_brokers", "Brokers in the cluster.", brokers), lag, current, lagSum, end));
            families.addAll(replicationFamilies(replication.read()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("kafka exporter: the broker does not answer: {}", e.toString());
            families.clear(); // a half-read scrape would show partitions as healthy that were not read
            families.add(new GaugeMetricFamily("kafka_brokers", "Brokers in the cluster.", 0));
        }
        return families;
    }

    private static List<MetricFamilySamples> replicationFamilies(KafkaReplication replication) {
        List<String> partitionLabels = List.of("topic", "partition");
        GaugeMetricFamily info = new GaugeMetricFamily("kafka_broker_info", "A broker that is up, with its address.", List.of("address", "id"));
        GaugeMetricFamily partitions = new GaugeMetricFamily("kafka_topic_partitions", "A topic's partitions.", List.of("topic"));
        GaugeMetricFamily leader = new GaugeMetricFamily("kafka_topic_partition_leader", "The id of a partition's leader broker (-1: offline).", partitionLabels);
        GaugeMetricFamily replicas = new GaugeMetricFamily("kafka_topic_partition_replicas", "A partition's replicas.", partitionLabels);
        GaugeMetricFamily inSync = new GaugeMetricFamily("kafka_topic_partition_in_sync_replica", "A partition's in-sync replicas.", partitionLabels);
        GaugeMetricFamily under = new GaugeMetricFamily("kafka_topic_partition_under_replicated_partition",
                "1 when a partition has fewer in-sync replicas than replicas.", partitionLabels);
        replication.brokers().stream().filter(KafkaReplication.Broker::up)
                .forEach(broker -> info.addMetric(List.of(broker.address(), Integer.toString(broker.id())), 1));
        Map<String, Long> perTopic = new java.util.TreeMap<>();
        for (KafkaReplication.Partition partition : replication.partitions()) {
            List<String> labels = List.of(partition.topic(), Integer.toString(partition.partition()));
            leader.addMetric(labels, partition.leader());
            replicas.addMetric(labels, partition.replicas());
            inSync.addMetric(labels, partition.inSync());
            under.addMetric(labels, partition.underReplicated() ? 1 : 0);
            perTopic.merge(partition.topic(), 1L, Long::sum);
        }
        perTopic.forEach((topic, count) -> partitions.addMetric(List.of(topic), count));
        return List.of(info, partitions, leader, replicas, inSync, under);
    }
}
