package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.nexusai.server.events.KafkaLagMetrics;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The guide's "Kafka lag: consumer lent" (§6.1), told apart the Burrow way over the window of lag readings the server
 * keeps ({@link ConsumerLag}): a group that falls behind (the guide's cause: scale the consumers), one that is stuck
 * (scaling does nothing) and one with no consumer left. One finding per group and topic, on its worst partition.
 */
@Component
@Order(5)
class KafkaLagAnalyzer implements Analyzer {

    /** The KafkaLag alert's threshold: a consumer catching up with more than this still gets an info finding. */
    static final long LARGE_LAG = 10_000;

    private final KafkaLagMetrics lag;

    KafkaLagAnalyzer(KafkaLagMetrics lag) {
        this.lag = lag;
    }

    @Override
    public Said reads() {
        return Said.of("reads.kafka");
    }

    private record Judged(KafkaLagMetrics.Window window, ConsumerLag lag) {
    }

    @Override
    public List<Found> analyze(Signals signals) {
        Map<String, List<Judged>> byGroupAndTopic = lag.windows().stream()
                .map(window -> new Judged(window, ConsumerLag.of(window)))
                .filter(judged -> judged.lag() != null)
                .collect(Collectors.groupingBy(judged -> judged.window().group() + " " + judged.window().topic()));
        List<Found> found = new ArrayList<>();
        for (List<Judged> partitions : byGroupAndTopic.values()) {
            Judged worst = partitions.stream().max(Comparator.comparing((Judged judged) -> judged.lag().status())
                    .thenComparingLong(judged -> judged.lag().lag())).orElseThrow();
            long total = partitions.stream().mapToLong(judged -> judged.lag().lag()).sum();
            Found finding = finding(worst, total);
            if (finding != null) {
                found.add(finding);
            }
        }
        return found;
    }

    private static Found finding(Judged worst, long total) {
        KafkaLagMetrics.Window window = worst.window();
        ConsumerLag judged = worst.lag();
        String group = window.group();
        String topic = window.topic();
        double seconds = judged.window().toMillis() / 1000.0;
        List<Evidence> evidence = List.of(
                Evidence.metric("kafka_consumer_records_lag{group=\"" + group + "\",topic=\"" + topic + "\",partition=\"" + window.partition() + "\"}",
                        judged.lagAtStart() + " -> " + judged.lag() + " over " + Math.round(seconds) + " s"),
                new Evidence("kafka", "committed offset, records/s", String.format(java.util.Locale.ROOT, "%.1f", judged.consumedPerSecond())),
                new Evidence("kafka", "end offset, records/s", String.format(java.util.Locale.ROOT, "%.1f", judged.producedPerSecond())),
                new Evidence("kafka", "consumers in the group", window.points().getLast().consumers()),
                new Evidence("kafka", "lag on all partitions", total));
        return switch (judged.status()) {
            case STOP -> new Found("kafka-consumer-stopped", Severity.CRITICAL, Said.of("kafka.stop.title", group, topic, total), evidence,
                    "kafka-lag", Said.of("kafka.stop.next", group));
            case STALL -> new Found("kafka-consumer-stalled", Severity.CRITICAL,
                    Said.of("kafka.stall.title", group, topic, seconds, total), evidence, "kafka-lag", Said.of("kafka.stall.next", group));
            case WARN -> new Found("kafka-consumer-falling-behind", Severity.WARNING,
                    Said.of("kafka.warn.title", group, topic, judged.lagAtStart(), judged.lag(), seconds), evidence, "kafka-lag",
                    Said.of("kafka.warn.next"));
            case OK -> total < LARGE_LAG || judged.secondsToCatchUp() < 0 ? null : new Found("kafka-consumer-catching-up", Severity.INFO,
                    Said.of("kafka.catchingUp.title", group, topic, total, judged.secondsToCatchUp()), evidence, "kafka-lag",
                    Said.of("kafka.catchingUp.next"));
        };
    }
}
