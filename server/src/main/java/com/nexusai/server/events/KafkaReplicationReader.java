package com.nexusai.server.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.springframework.stereotype.Component;

/** Reads {@link KafkaReplication} from the cluster: three admin calls (brokers, topic names, their descriptions). */
@Component
public class KafkaReplicationReader {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    KafkaReplicationReader(Admin admin) {
        this.admin = admin;
    }

    public KafkaReplication read() throws InterruptedException, ExecutionException, TimeoutException {
        Collection<Node> up = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, TopicDescription> topics = names.isEmpty() ? Map.of()
                : admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return replication(up, topics.values());
    }

    static KafkaReplication replication(Collection<Node> up, Collection<TopicDescription> topics) {
        Map<Integer, int[]> counts = new TreeMap<>(); // leaders, replicas, out of sync
        Map<Integer, String> addresses = new TreeMap<>();
        up.forEach(node -> {
            counts.put(node.id(), new int[3]);
            addresses.put(node.id(), node.host() + ":" + node.port());
        });
        List<KafkaReplication.Partition> partitions = new ArrayList<>();
        for (TopicDescription topic : topics) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                Node leader = partition.leader();
                int leaderId = leader == null || leader.isEmpty() ? -1 : leader.id();
                Set<Integer> inSync = partition.isr().stream().map(Node::id).collect(java.util.stream.Collectors.toSet());
                for (Node replica : partition.replicas()) {
                    int[] broker = counts.computeIfAbsent(replica.id(), ignored -> new int[3]);
                    broker[1]++;
                    if (!inSync.contains(replica.id())) {
                        broker[2]++;
                    }
                }
                if (leaderId >= 0) {
                    counts.computeIfAbsent(leaderId, ignored -> new int[3])[0]++;
                }
                partitions.add(new KafkaReplication.Partition(topic.name(), partition.partition(), leaderId, partition.replicas().size(),
                        partition.isr().size()));
            }
        }
        partitions.sort(java.util.Comparator.comparing(KafkaReplication.Partition::topic).thenComparingInt(KafkaReplication.Partition::partition));
        List<KafkaReplication.Broker> brokers = new ArrayList<>();
        counts.forEach((id, c) -> brokers.add(new KafkaReplication.Broker(id, addresses.get(id), addresses.containsKey(id), c[0], c[1], c[2])));
        return new KafkaReplication(brokers, partitions);
    }
}
