package com.nexusai.server.events;

import java.util.List;

/**
 * How a Kafka cluster's partitions are replicated, at one look: every broker that is up or holds a replica,
 * and every partition of every topic (internal ones included: a consumer group's offsets matter as much).
 */
public record KafkaReplication(List<Broker> brokers, List<Partition> partitions) {

    /**
     * One broker: {@code address} null when it is not up (it is known only as a replica of some partition),
     * how many partitions it leads, holds a replica of, and holds one of without being in sync.
     */
    public record Broker(int id, String address, boolean up, int leaders, int replicas, int outOfSync) {
    }

    /** One partition: its leader's id (-1 when it has none: offline), its replicas and those in sync. */
    public record Partition(String topic, int partition, int leader, int replicas, int inSync) {

        public boolean underReplicated() {
            return inSync < replicas;
        }

        public boolean offline() {
            return leader < 0;
        }
    }

    public KafkaReplication {
        brokers = List.copyOf(brokers);
        partitions = List.copyOf(partitions);
    }

    public long underReplicated() {
        return partitions.stream().filter(Partition::underReplicated).count();
    }

    public long offline() {
        return partitions.stream().filter(Partition::offline).count();
    }
}
