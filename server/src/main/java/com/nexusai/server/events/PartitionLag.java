package com.nexusai.server.events;

/** How far one consumer group is behind on one partition: end offset minus committed offset. */
public record PartitionLag(String group, String topic, int partition, long endOffset, long committedOffset) {

    public long lag() {
        return Math.max(0, endOffset - committedOffset);
    }
}
