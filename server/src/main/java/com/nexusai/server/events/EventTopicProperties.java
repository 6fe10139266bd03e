package com.nexusai.server.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.events.topic.*}: how the events topic is declared. Without a replication factor, it is
 * {@code min(3, brokers)}; without {@code min-insync-replicas}, one less than the replication factor (at
 * least 1), so that {@code acks=all} survives one broker down.
 *
 * @param partitions the partitions of the events topic
 * @param replicationFactor its replication factor; empty: min(3, brokers)
 * @param minInsyncReplicas its min.insync.replicas; empty: one less than the replication factor, at least 1
 */
@ConfigurationProperties("nexusai.events.topic")
public record EventTopicProperties(@DefaultValue("3") int partitions, Integer replicationFactor, Integer minInsyncReplicas) {

    public EventTopicProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("nexusai.events.topic.partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw new IllegalArgumentException("nexusai.events.topic.replication-factor must be at least 1, not " + replicationFactor);
        }
        if (minInsyncReplicas != null && minInsyncReplicas < 1) {
            throw new IllegalArgumentException("nexusai.events.topic.min-insync-replicas must be at least 1, not " + minInsyncReplicas);
        }
    }

    /** The settings a topic should have on a cluster of {@code brokers} brokers. */
    TopicSettings wanted(int brokers) {
        int replicas = replicationFactor != null ? replicationFactor : Math.max(1, Math.min(3, brokers));
        int inSync = minInsyncReplicas != null ? minInsyncReplicas : Math.max(1, replicas - 1);
        return new TopicSettings(partitions, replicas, inSync);
    }
}
