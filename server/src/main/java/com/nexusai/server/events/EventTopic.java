package com.nexusai.server.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Declares the events topic ({@value DomainEvent#TOPIC}) with the configured partitions, replication
 * factor and {@code min.insync.replicas}, rather than letting a broker auto-create it with its defaults
 * (one replica, which {@code acks=all} cannot protect), and checks an existing topic against them: what is
 * weaker is logged once and shown in the "kafka" health component. Until the topic is declared (Kafka down,
 * or fewer brokers up than the replication factor needs) it tries again every few seconds; the outbox keeps
 * the events meanwhile.
 *
 * <p>The broker count the default replication factor is computed from is the larger of the brokers up and
 * the bootstrap servers configured, so that a cluster started one broker at a time is not given a topic with
 * one replica.
 */
@Component
public class EventTopic {

    /** The latest look at the topic: {@code actual} null until it could be read, {@code error} why not. */
    public record Check(Instant at, TopicSettings wanted, TopicSettings actual, List<String> weaknesses, String error) {

        public boolean declared() {
            return actual != null;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EventTopic.class);
    private static final long TIMEOUT_SECONDS = 5;
    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final Admin admin;
    private final EventTopicProperties properties;
    private final int bootstrapServers;
    private final Clock clock;
    private volatile Check latest;

    EventTopic(Admin admin, KafkaAdmin kafkaAdmin, EventTopicProperties properties, Clock clock) {
        this.admin = admin;
        this.properties = properties;
        this.clock = clock;
        this.bootstrapServers = bootstrapServerCount(kafkaAdmin.getConfigurationProperties().get("bootstrap.servers"));
    }

    static int bootstrapServerCount(Object servers) {
        if (servers instanceof Collection<?> list) {
            return (int) list.stream().map(String::valueOf).map(String::strip).filter(s -> !s.isEmpty()).distinct().count();
        }
        return servers == null ? 0 : (int) Arrays.stream(String.valueOf(servers).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).distinct().count();
    }

    /** Null until the first attempt. */
    public Check latest() {
        return latest;
    }

    @Scheduled(fixedDelayString = "${nexusai.events.topic.retry-interval:PT5S}", initialDelay = 0)
    void declareOrCheck() {
        Check previous = latest;
        if (previous != null && previous.declared() && previous.at().plus(RECHECK).isAfter(clock.instant())) {
            return;
        }
        Check check;
        try {
            check = look();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            check = failed(e.getCause() == null ? e : e.getCause());
        } catch (Exception e) {
            check = failed(e);
        }
        latest = check;
        report(previous, check);
    }

    private Check failed(Throwable cause) {
        Check previous = latest;
        TopicSettings wanted = previous == null ? null : previous.wanted();
        String reason = cause instanceof InvalidReplicationFactorException
                ? "fewer brokers are up than its replication factor needs: " + cause.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new Check(clock.instant(), wanted, null, List.of(), "the events topic cannot be declared yet (" + reason + ")");
    }

    private Check look() throws Exception {
        int live = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
        TopicSettings wanted = properties.wanted(Math.max(live, bootstrapServers));
        TopicSettings actual = describe();
        if (actual == null) {
            create(wanted);
            actual = describe();
            if (actual == null) {
                return new Check(clock.instant(), wanted, null, List.of(), "the events topic was created but is not visible yet");
            }
        }
        return new Check(clock.instant(), wanted, actual, wanted.weaknessesOf(actual), null);
    }

    private void create(TopicSettings wanted) throws Exception {
        NewTopic topic = new NewTopic(DomainEvent.TOPIC, wanted.partitions(), (short) wanted.replicationFactor())
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(wanted.minInsyncReplicas())));
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Declared the Kafka topic {}: {} partitions, replication factor {}, min.insync.replicas {}", DomainEvent.TOPIC,
                    wanted.partitions(), wanted.replicationFactor(), wanted.minInsyncReplicas());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e; // another instance declaring it at the same moment is fine
            }
        }
    }

    /** The topic's settings, or null when it does not exist. */
    private TopicSettings describe() throws Exception {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(DomainEvent.TOPIC)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(DomainEvent.TOPIC);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
        int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, DomainEvent.TOPIC);
        Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
        int minInsync = Integer.parseInt(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
        return new TopicSettings(description.partitions().size(), replicas, minInsync);
    }

    private static void report(Check previous, Check check) {
        if (check.error() != null) {
            if (previous == null || previous.error() == null) {
                log.warn("{}; events wait in the outbox", check.error());
            }
        } else if (!check.weaknesses().isEmpty()) {
            if (previous == null || !check.weaknesses().equals(previous.weaknesses())) {
                log.warn("The Kafka topic {} is weaker than configured: {}", DomainEvent.TOPIC, String.join("; ", check.weaknesses()));
            }
        } else if (previous != null && (previous.error() != null || !previous.weaknesses().isEmpty())) {
            log.info("The Kafka topic {} now has its configured settings", DomainEvent.TOPIC);
        }
    }
}
