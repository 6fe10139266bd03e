package com.nexusai.server.events;

/**
 * How far one consumer group is behind on one partition: end offset minus committed offset; {@code consumers} is how
 * many members the group has now (0: nobody consumes, whatever the offsets say).
 */
public record PartitionLag(String group, String topic, int partition, long endOffset, long committedOffset, int consumers) {

    public long lag() {
        return Math.max(0, endOffset - committedOffset);
    }
}
