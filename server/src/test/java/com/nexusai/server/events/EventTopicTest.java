package com.nexusai.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/** The events topic's wanted settings, what makes an existing one weaker, and how replication is counted. */
class EventTopicTest {

    private static final EventTopicProperties DEFAULTS = new EventTopicProperties(3, null, null);

    @Test
    void byDefaultThreeReplicasAtMostAndOneFewerInSync() {
        assertThat(DEFAULTS.wanted(1)).isEqualTo(new TopicSettings(3, 1, 1));
        assertThat(DEFAULTS.wanted(2)).isEqualTo(new TopicSettings(3, 2, 1));
        assertThat(DEFAULTS.wanted(3)).isEqualTo(new TopicSettings(3, 3, 2));
        assertThat(DEFAULTS.wanted(5)).isEqualTo(new TopicSettings(3, 3, 2));
        assertThat(new EventTopicProperties(6, 5, 3).wanted(1)).as("explicit settings win").isEqualTo(new TopicSettings(6, 5, 3));
        assertThatThrownBy(() -> new EventTopicProperties(0, null, null)).hasMessageContaining("partitions");
        assertThatThrownBy(() -> new EventTopicProperties(3, 0, null)).hasMessageContaining("replication-factor");
    }

    @Test
    void theBrokerCountAlsoCountsTheConfiguredBootstrapServers() {
        assertThat(EventTopic.bootstrapServerCount(List.of("k1:9092", "k2:9092", "k3:9092"))).isEqualTo(3);
        assertThat(EventTopic.bootstrapServerCount("k1:9092, k2:9092,k2:9092,")).isEqualTo(2);
        assertThat(EventTopic.bootstrapServerCount(null)).isZero();
    }

    @Test
    void aTopicWeakerThanConfiguredIsSaidInWordsAnOperatorActsOn() {
        TopicSettings wanted = new TopicSettings(3, 3, 2);
        assertThat(wanted.weaknessesOf(new TopicSettings(3, 3, 2))).isEmpty();
        assertThat(wanted.weaknessesOf(new TopicSettings(6, 3, 2))).as("more partitions is not weaker").isEmpty();
        assertThat(wanted.weaknessesOf(new TopicSettings(3, 1, 1)))
                .containsExactly("replication factor 1, configured 3 (kafka-reassign-partitions.sh adds replicas)",
                        "min.insync.replicas 1, configured 2 (kafka-configs.sh --alter --add-config min.insync.replicas=2)");
        assertThat(wanted.weaknessesOf(new TopicSettings(3, 3, 3))).singleElement().asString()
                .contains("one broker down stops every producer");
        assertThat(wanted.weaknessesOf(new TopicSettings(1, 3, 2))).singleElement().asString().startsWith("1 partitions, configured 3");
    }

    @Test
    void replicationCountsUnderReplicatedAndOfflinePartitionsAndBrokersThatAreDown() {
        Node b1 = new Node(1, "127.0.0.1", 9092);
        Node b2 = new Node(2, "127.0.0.1", 9093);
        Node b3 = new Node(3, "", -1); // down: known only as a replica
        TopicDescription events = new TopicDescription("nexusai.events", false, List.of(
                new TopicPartitionInfo(0, b1, List.of(b1, b2, b3), List.of(b1, b2)),
                new TopicPartitionInfo(1, b2, List.of(b2, b3, b1), List.of(b2, b1)),
                new TopicPartitionInfo(2, b1, List.of(b1, b2), List.of(b1, b2)),
                new TopicPartitionInfo(3, Node.noNode(), List.of(b3), List.of())));
        KafkaReplication replication = KafkaReplicationReader.replication(List.of(b1, b2), List.of(events));
        assertThat(replication.underReplicated()).isEqualTo(3);
        assertThat(replication.offline()).isEqualTo(1);
        assertThat(replication.brokers()).containsExactly(
                new KafkaReplication.Broker(1, "127.0.0.1:9092", true, 2, 3, 0),
                new KafkaReplication.Broker(2, "127.0.0.1:9093", true, 1, 3, 0),
                new KafkaReplication.Broker(3, null, false, 0, 3, 3));
        assertThat(replication.partitions().get(3)).isEqualTo(new KafkaReplication.Partition("nexusai.events", 3, -1, 1, 0));
    }
}
