package com.nexusai.server.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Reads the real lag of every consumer group from the broker: the groups' committed offsets, their members and
 * assignments, their topics' partitions, those partitions' end offsets, and the earliest offsets of the partitions a
 * group has not committed on (one call each).
 */
@Component
public class KafkaLagReader {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    KafkaLagReader(Admin admin) {
        this.admin = admin;
    }

    /**
     * Every partition of every topic a group consumes (it has committed on the topic, or a member is assigned to it),
     * worst lag first. A partition the group has not committed on yet counts from its earliest offset, where the
     * consumers start ({@code auto-offset-reset: earliest}): a consumer stuck before its first commit shows its lag.
     */
    public List<PartitionLag> read() throws InterruptedException, ExecutionException, TimeoutException {
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream().map(GroupListing::groupId).toList();
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(specs).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(groups).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Set<String>> topicsOf = new HashMap<>();
        committed.forEach((group, offsets) -> offsets.keySet().forEach(tp -> topicsOf.computeIfAbsent(group, g -> new TreeSet<>()).add(tp.topic())));
        descriptions.forEach((group, description) -> description.members().forEach(member -> member.assignment().topicPartitions()
                .forEach(tp -> topicsOf.computeIfAbsent(group, g -> new TreeSet<>()).add(tp.topic()))));
        Set<String> topics = new TreeSet<>();
        topicsOf.values().forEach(topics::addAll);
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>(); // only where some group has not committed yet
        described.values().forEach(topic -> topic.partitions().forEach(info -> {
            TopicPartition tp = new TopicPartition(topic.name(), info.partition());
            latest.put(tp, OffsetSpec.latest());
            topicsOf.forEach((group, groupTopics) -> {
                if (groupTopics.contains(tp.topic()) && committed.getOrDefault(group, Map.of()).get(tp) == null) {
                    earliest.put(tp, OffsetSpec.earliest());
                }
            });
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                : admin.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<PartitionLag> lags = new ArrayList<>();
        topicsOf.forEach((group, groupTopics) -> {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group, Map.of());
            int consumers = descriptions.containsKey(group) ? descriptions.get(group).members().size() : 0;
            ends.forEach((tp, end) -> {
                if (!groupTopics.contains(tp.topic())) {
                    return;
                }
                OffsetAndMetadata offset = offsets.get(tp);
                long from = offset != null ? offset.offset() : starts.get(tp).offset();
                lags.add(new PartitionLag(group, tp.topic(), tp.partition(), end.offset(), from, consumers));
            });
        });
        lags.sort(Comparator.comparingLong(PartitionLag::lag).reversed()
                .thenComparing(PartitionLag::group).thenComparing(PartitionLag::topic)
                .thenComparingInt(PartitionLag::partition));
        return lags;
    }
}
