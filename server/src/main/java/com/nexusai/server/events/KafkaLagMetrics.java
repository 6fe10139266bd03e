package com.nexusai.server.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code kafka_consumer_records_lag{group,topic,partition}} (the guide's §3.1 metric) for
 * every consumer group on the broker, refreshed on a schedule, and keeps the latest figures for the
 * API. Kafka does not say when an offset was committed, so the time a committed offset was seen to
 * change is recorded here (to within the refresh interval). When Kafka cannot be reached the last
 * figures stay and the failure is logged once until it recovers.
 */
@Component
public class KafkaLagMetrics {

    private static final Logger log = LoggerFactory.getLogger(KafkaLagMetrics.class);

    /** One partition's lag, with when its committed offset was last seen to move (null: not since this server started). */
    public record Observed(String group, String topic, int partition, long endOffset, long committedOffset, long lag,
            Instant lastCommitSeenAt, int consumers) {
    }

    /** One reading of a partition: when, its end offset, the group's committed offset and how many consumers the group had. */
    public record Point(Instant at, long endOffset, long committedOffset, int consumers) {

        public long lag() {
            return Math.max(0, endOffset - committedOffset);
        }
    }

    /** The last readings of one partition for one group, oldest first (Burrow's window of offsets). */
    public record Window(String group, String topic, int partition, List<Point> points) {

        public Window {
            points = List.copyOf(points);
        }
    }

    /** Readings kept per partition: at the default 10 s refresh, the last 100 seconds. */
    static final int WINDOW = 10;

    private record Key(String group, String topic, int partition) {
    }

    private record Seen(long committedOffset, Instant changedAt) {
    }

    private final KafkaLagReader reader;
    private final MultiGauge lagGauge;
    private final Clock clock;
    private volatile Map<Key, Seen> seen;
    private volatile Map<Key, List<Point>> windows = Map.of();
    private volatile List<Observed> latest = List.of();
    private volatile boolean failing;

    KafkaLagMetrics(KafkaLagReader reader, MeterRegistry registry, Clock clock) {
        this.reader = reader;
        this.clock = clock;
        this.lagGauge = MultiGauge.builder("kafka.consumer.records.lag")
                .description("Records a consumer group has not processed yet: end offset minus committed offset")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${nexusai.kafka.lag-refresh:PT10S}", initialDelayString = "PT1S")
    void refresh() {
        try {
            List<PartitionLag> lags = reader.read();
            lagGauge.register(lags.stream()
                    .map(lag -> MultiGauge.Row.of(Tags.of("group", lag.group(), "topic", lag.topic(), "partition",
                            Integer.toString(lag.partition())), lag.lag()))
                    .toList(), true);
            latest = observe(lags);
            if (failing) {
                log.info("Kafka consumer lag can be read again");
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!failing) {
                log.warn("Kafka consumer lag cannot be read: {}", e.getMessage());
                failing = true;
            }
        }
    }

    private List<Observed> observe(List<PartitionLag> lags) {
        Instant now = clock.instant();
        Map<Key, Seen> before = seen;
        Map<Key, Seen> after = new HashMap<>();
        for (PartitionLag lag : lags) {
            Key key = new Key(lag.group(), lag.topic(), lag.partition());
            Seen previous = before == null ? null : before.get(key);
            Instant changedAt;
            if (before == null) {
                changedAt = null; // first look since start: when it last moved is unknown
            } else if (previous == null || previous.committedOffset() != lag.committedOffset()) {
                changedAt = now;
            } else {
                changedAt = previous.changedAt();
            }
            after.put(key, new Seen(lag.committedOffset(), changedAt));
        }
        seen = after;
        Map<Key, List<Point>> kept = new HashMap<>();
        for (PartitionLag lag : lags) {
            Key key = new Key(lag.group(), lag.topic(), lag.partition());
            List<Point> points = new ArrayList<>(windows.getOrDefault(key, List.of()));
            points.add(new Point(now, lag.endOffset(), lag.committedOffset(), lag.consumers()));
            kept.put(key, List.copyOf(points.subList(Math.max(0, points.size() - WINDOW), points.size())));
        }
        windows = kept;
        return lags.stream().map(lag -> new Observed(lag.group(), lag.topic(), lag.partition(), lag.endOffset(),
                lag.committedOffset(), lag.lag(),
                after.get(new Key(lag.group(), lag.topic(), lag.partition())).changedAt(), lag.consumers())).toList();
    }

    /** Every partition's last readings (up to {@link #WINDOW}), oldest first. */
    public List<Window> windows() {
        return windows.entrySet().stream()
                .map(entry -> new Window(entry.getKey().group(), entry.getKey().topic(), entry.getKey().partition(), entry.getValue()))
                .sorted(Comparator.comparing(Window::group).thenComparing(Window::topic).thenComparingInt(Window::partition))
                .toList();
    }

    /** The latest figures, worst lag first. */
    public List<Observed> latest() {
        return latest;
    }
}
