package com.nexusai.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Domain events: outbox -> relay -> Kafka -> audit consumer -> GET /api/events, on the real embedded servers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"nexusai.kafka.lag-refresh=PT1S", "nexusai.kafka.replication-refresh=PT1S"})
@ExtendWith(OutputCaptureExtension.class)
class EventsIT extends EmbeddedServerTest {


    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;


    private String createUser(String role) throws Exception {
        String name = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/admin/users", Http.toJson(Map.of("username", name, "password", "events-password-1",
                "roles", List.of(role))), admin).statusCode()).isEqualTo(201);
        return name;
    }

    private List<JsonNode> events(String query) throws Exception {
        return Http.json(http.get("/api/events?" + query, admin)).valueStream().toList();
    }

    @Autowired
    org.apache.kafka.clients.admin.Admin kafkaAdmin;

    @Test
    void theServerDeclaresTheEventsTopicAndPublishesItsReplication() throws Exception {
        // the embedded broker does not auto-create topics: the events topic exists because the server declared it
        var description = kafkaAdmin.describeTopics(List.of(DomainEvent.TOPIC)).allTopicNames().get().get(DomainEvent.TOPIC);
        assertThat(description.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
        var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, DomainEvent.TOPIC);
        assertThat(kafkaAdmin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.insync.replicas").value()).isEqualTo("1");

        // the topic check runs on its own schedule: right after creation its last look may still say "not visible yet"
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode kafka = Http.json(http.get("/actuator/health", admin)).at("/components/kafka");
            assertThat(kafka.path("status").asString()).isEqualTo("UP");
            assertThat(kafka.at("/details/eventsTopic/replicationFactor").asInt()).isEqualTo(1);
            assertThat(kafka.at("/details/eventsTopic/configured/replicationFactor").asInt()).as("min(3, one broker)").isEqualTo(1);
            assertThat(kafka.at("/details/eventsTopic/weakerThanConfigured").isMissingNode()).isTrue();
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var metrics = com.nexusai.core.metrics.Exposition.parse(http.get("/actuator/prometheus", admin).body());
            assertThat(value(metrics, "kafka_topic_partition_under_replicated_partition", Map.of("topic", DomainEvent.TOPIC, "partition", "2"))).isZero();
            assertThat(value(metrics, "kafka_topic_partition_leader", Map.of("topic", DomainEvent.TOPIC, "partition", "0"))).isEqualTo(1);
            assertThat(value(metrics, "nexusai_kafka_broker_up", Map.of("broker", "1"))).isEqualTo(1);
            assertThat(value(metrics, "nexusai_kafka_broker_leaders", Map.of("broker", "1"))).as("the events topic's three, at least").isGreaterThanOrEqualTo(3);
            assertThat(value(metrics, "nexusai_kafka_partitions_under_replicated", Map.of())).isZero();
            assertThat(value(metrics, "nexusai_kafka_partitions_offline", Map.of())).isZero();
        });
        assertThat(Http.json(http.get("/actuator/health", admin)).at("/components/kafka/details/underReplicatedPartitions").asLong()).isZero();
    }

    private static double value(List<com.nexusai.core.metrics.Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.matches(labels)).mapToDouble(com.nexusai.core.metrics.Sample::value)
                .reduce((a, b) -> { throw new AssertionError("more than one " + name + labels); })
                .orElseThrow(() -> new AssertionError("no " + name + labels));
    }

    @Test
    void aChangeIsRelayedThroughKafkaAndStoredByTheAuditConsumer() throws Exception {
        String name = createUser("SUPPORT");
        await().atMost(Duration.ofSeconds(30)).until(() -> events("type=user.created").stream()
                .anyMatch(e -> e.path("aggregateId").asString().equals(name)));
        JsonNode event = events("type=user.created&actor=admin").stream()
                .filter(e -> e.path("aggregateId").asString().equals(name)).findFirst().orElseThrow();
        assertThat(event.path("aggregateType").asString()).isEqualTo("user");
        assertThat(json.readTree(event.path("payload").asString()).path("roles").get(0).asString()).isEqualTo("SUPPORT");
        assertThat(jdbc.queryForObject("select count(*) from outbox_events where aggregate_id = ? and published_at is not null",
                Long.class, name)).isEqualTo(1);

        String fileId = Http.json(http.send(http.request("/api/files?name=e.txt", admin).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("event")))).path("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> events("type=file.uploaded").stream()
                .anyMatch(e -> e.path("aggregateId").asString().equals(fileId)));
        assertThat(http.get("/api/events", http.accessToken(name, "events-password-1")).statusCode())
                .as("SUPPORT may not read the event log").isEqualTo(403);
    }

    @Test
    void aRedeliveredEventIsStoredOnceAndTheAuditGroupCatchesUp() throws Exception {
        DomainEvent event = new DomainEvent(UUID.randomUUID(), "test.redelivered", "test", "agg-1", "tester",
                Instant.now(), "{}");
        String value = json.writeValueAsString(event);
        kafka.send(DomainEvent.TOPIC, "agg-1", value).get();
        kafka.send(DomainEvent.TOPIC, "agg-1", value).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> !events("type=test.redelivered").isEmpty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.json(http.get("/api/admin/kafka/lag", admin))
                .valueStream().filter(r -> r.path("group").asString().equals(AuditEventConsumer.GROUP)))
                .isNotEmpty().allSatisfy(row -> assertThat(row.path("lag").asLong()).isZero()));
        assertThat(jdbc.queryForObject("select count(*) from events where event_id = ?", Long.class, event.eventId())).isEqualTo(1);
    }

    @Test
    void whileKafkaIsDownEventsWaitInTheOutboxAndArriveInOrderWhenItIsBack(CapturedOutput output) throws Exception {
        long broker = Long.parseLong(Files.readString(dataDir.resolve("run/kafka.pid")).strip());
        String name = createUser("USER");
        await().atMost(Duration.ofSeconds(30)).until(() -> events("type=user.created").stream()
                .anyMatch(e -> e.path("aggregateId").asString().equals(name)));
        signal("STOP", broker);
        try {
            assertThat(http.post("/api/admin/users/" + name + "/disable", null, admin).statusCode()).isEqualTo(200);
            assertThat(http.put("/api/admin/users/" + name + "/roles", Http.toJson(Map.of("roles", List.of("DEVOPS"))), admin)
                    .statusCode()).isEqualTo(200);
            // the relay tried them and Kafka did not take them
            await().atMost(Duration.ofSeconds(60)).until(() -> output.getOut().contains("Kafka did not take the outbox events"));
            assertThat(jdbc.queryForObject("select count(*) from outbox_events where aggregate_id = ? and published_at is null",
                    Long.class, name)).as("waiting in the outbox").isEqualTo(2);
            assertThat(events("type=user.disabled").stream().map(e -> e.path("aggregateId").asString())).doesNotContain(name);
        } finally {
            signal("CONT", broker);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject(
                "select count(*) from events where aggregate_id = ?", Long.class, name) == 3);
        assertThat(jdbc.queryForList("select type from events where aggregate_id = ? order by received_at", String.class, name))
                .containsExactly("user.created", "user.disabled", "user.roles-changed");
        // the producer may deliver the batch the relay gave up on (its acknowledgement timed out) before the relay
        // sends it again (the audit consumer keeps one of each, as the redelivery test shows): the relay's next pass marks them published
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_events where aggregate_id = ? and published_at is null", Long.class, name) == 0);
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
        assertThat(kill.waitFor()).isZero();
    }
}
