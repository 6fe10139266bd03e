package com.nexusai.server.events;

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

/** The "kafka" health component: the cluster answers a metadata request within 3 s. */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator {

    private static final int TIMEOUT_MS = 3000;

    private final Admin admin;
    private final ObjectProvider<EmbeddedPlatform> embedded;

    KafkaHealthIndicator(Admin admin, ObjectProvider<EmbeddedPlatform> embedded) {
        super("Kafka health check failed");
        this.admin = admin;
        this.embedded = embedded;
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
    }
}
