package com.nexusai.server.events;

import java.util.ArrayList;
import java.util.List;

/** A topic's partitions, replication factor and {@code min.insync.replicas}. */
public record TopicSettings(int partitions, int replicationFactor, int minInsyncReplicas) {

    /** What makes {@code actual} weaker than this, in words an operator acts on; empty when it is not. */
    List<String> weaknessesOf(TopicSettings actual) {
        List<String> weaknesses = new ArrayList<>();
        if (actual.replicationFactor() < replicationFactor) {
            weaknesses.add("replication factor " + actual.replicationFactor() + ", configured " + replicationFactor
                    + " (kafka-reassign-partitions.sh adds replicas)");
        }
        if (actual.minInsyncReplicas() < minInsyncReplicas) {
            weaknesses.add("min.insync.replicas " + actual.minInsyncReplicas() + ", configured " + minInsyncReplicas
                    + " (kafka-configs.sh --alter --add-config min.insync.replicas=" + minInsyncReplicas + ")");
        }
        if (actual.minInsyncReplicas() >= actual.replicationFactor() && actual.replicationFactor() > 1) {
            weaknesses.add("min.insync.replicas " + actual.minInsyncReplicas() + " with " + actual.replicationFactor()
                    + " replicas: one broker down stops every producer");
        }
        if (actual.partitions() < partitions) {
            weaknesses.add(actual.partitions() + " partitions, configured " + partitions
                    + " (adding partitions moves keys: plan it, kafka-topics.sh --alter --partitions)");
        }
        return List.copyOf(weaknesses);
    }
}
