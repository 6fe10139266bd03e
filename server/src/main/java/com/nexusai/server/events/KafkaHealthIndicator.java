package com.nexusai.server.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The "kafka" health component: the cluster answers a metadata request within 3 s. Its details say how the
 * events topic compares with its configured settings and how many partitions are under-replicated or
 * offline; those do not take it DOWN (the outbox keeps the events), the alert rules and the console show them.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator {

    private static final int TIMEOUT_MS = 3000;

    private final Admin admin;
    private final ObjectProvider<EmbeddedPlatform> embedded;
    private final EventTopic topic;
    private final KafkaReplicationMetrics replication;

    KafkaHealthIndicator(Admin admin, ObjectProvider<EmbeddedPlatform> embedded, EventTopic topic, KafkaReplicationMetrics replication) {
        super("Kafka health check failed");
        this.admin = admin;
        this.embedded = embedded;
        this.topic = topic;
        this.replication = replication;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        EmbeddedPlatform platform = embedded.getIfAvailable();
        if (platform != null) {
            EmbeddedKafkaBroker.State broker = platform.kafkaBrokerState();
            builder.withDetail("brokerProcess", broker.running() ? "running" : "not running")
                    .withDetail("brokerRestarts", broker.restarts());
            if (!broker.running()) {
                builder.down().withDetail("error", "the embedded broker process "
                        + (broker.lastExit() == null ? "is not running" : broker.lastExit()) + "; it is being restarted");
                return;
            }
        }
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
        String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        int nodes = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
        EventTopic.Check check = topic.latest();
        if (check != null) {
            builder.withDetail("eventsTopic", topicDetails(check));
        }
        KafkaReplicationMetrics.Observed observed = replication.latest();
        if (observed != null && observed.error() == null) {
            builder.withDetail("underReplicatedPartitions", observed.replication().underReplicated())
                    .withDetail("offlinePartitions", observed.replication().offline());
        }
    }

    private static Map<String, Object> topicDetails(EventTopic.Check check) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", DomainEvent.TOPIC);
        if (check.actual() != null) {
            details.put("partitions", check.actual().partitions());
            details.put("replicationFactor", check.actual().replicationFactor());
            details.put("minInsyncReplicas", check.actual().minInsyncReplicas());
        }
        if (check.wanted() != null) {
            details.put("configured", Map.of("partitions", check.wanted().partitions(), "replicationFactor",
                    check.wanted().replicationFactor(), "minInsyncReplicas", check.wanted().minInsyncReplicas()));
        }
        if (!check.weaknesses().isEmpty()) {
            details.put("weakerThanConfigured", check.weaknesses());
        }
        if (check.error() != null) {
            details.put("error", check.error());
        }
        return details;
    }
}
