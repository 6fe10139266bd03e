package com.nexusai.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.nexusai.core.metrics.Exposition;
import com.nexusai.core.metrics.Sample;
import com.nexusai.server.events.DomainEvent;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.KafkaCluster;
import com.nexusai.server.support.RedisSentinels;
import com.nexusai.server.support.Topology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guide's replicated topology (§1.2), started once for the class from real binaries on loopback
 * ({@link Topology}): three KRaft brokers each in its own JVM, two prod-profile instances from the packaged jar,
 * HAProxy with the shipped configuration. Traffic goes through HAProxy while parts of the data tier are killed,
 * and what reached the end is counted. Run alone: {@code ./mvnw -B -pl server verify -Dit.test=ReplicatedTopologyIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedTopologyIT {

    @TempDir
    static java.nio.file.Path dir;

    static Topology topology;
    static Http proxy;
    static String admin;
    static Admin kafkaAdmin;
    static JdbcTemplate database;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void startTopology() throws Exception {
        Instant started = Instant.now();
        topology = Topology.start(dir, 2, "--nexusai.kafka.replication-refresh=PT1S", "--nexusai.kafka.lag-refresh=PT1S",
                "--nexusai.database.replica.refresh=1s");
        System.out.println("topology: started in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        proxy = topology.proxy();
        admin = proxy.accessToken("admin", topology.adminPassword());
        Map<String, Object> adminConfig = new HashMap<>(topology.kafka().clientSecurity());
        adminConfig.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topology.kafka().bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
        kafkaAdmin = Admin.create(adminConfig);
        database = topology.database();
    }

    @AfterAll
    static void stopTopology() {
        if (kafkaAdmin != null) {
            kafkaAdmin.close();
        }
        if (topology != null) {
            topology.close();
        }
    }

    private static TopicDescription describe(String topic) throws Exception {
        return kafkaAdmin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static List<Sample> metrics() throws Exception {
        return Exposition.parse(topology.instances().getFirst().http().get("/actuator/prometheus", admin).body());
    }

    private static double metric(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    @Test
    @Order(1)
    void aFreshTopologyDeclaresTheEventsTopicWithThreeReplicasAndTwoInSync() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> kafkaAdmin.listTopics().names().get().contains(DomainEvent.TOPIC));
        TopicDescription events = describe(DomainEvent.TOPIC);
        assertThat(events.partitions()).hasSize(3).allSatisfy(partition -> {
            assertThat(partition.replicas()).hasSize(3);
            assertThat(partition.isr()).hasSize(3);
        });
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, DomainEvent.TOPIC);
        assertThat(kafkaAdmin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.insync.replicas").value()).isEqualTo("2");
        JsonNode kafka = Http.json(topology.instances().getFirst().http().get("/actuator/health", admin)).at("/components/kafka");
        assertThat(kafka.path("status").asString()).isEqualTo("UP");
        assertThat(kafka.at("/details/nodes").asInt()).isEqualTo(3);
        assertThat(kafka.at("/details/eventsTopic/replicationFactor").asInt()).isEqualTo(3);
        assertThat(kafka.at("/details/eventsTopic/minInsyncReplicas").asInt()).isEqualTo(2);
        assertThat(kafka.at("/details/eventsTopic/weakerThanConfigured").isMissingNode()).as(kafka.toString()).isTrue();
        Map<String, Long> memory = topology.residentMemory();
        System.out.println("topology: resident memory " + memory.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() >> 20) + " MiB")
                .collect(java.util.stream.Collectors.joining(", ")) + "; total " + (memory.values().stream().mapToLong(Long::longValue).sum() >> 20) + " MiB");
    }

    @Test
    @Order(0)
    void theDataTierIsReachedOverTlsWithCredentialsAndAnUnauthenticatedClientCannotForgeAnEvent() throws Exception {
        // Kafka: a client without the SCRAM credentials cannot produce, whatever it tries; with them it can (the control)
        String forgedPlain = UUID.randomUUID().toString();
        String forgedTlsOnly = UUID.randomUUID().toString();
        String forgedWrongPassword = UUID.randomUUID().toString();
        String authenticated = UUID.randomUUID().toString();
        Map<String, Object> wrongPassword = new HashMap<>(topology.kafka().clientSecurity());
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + KafkaCluster.CLIENT_USER + "\" password=\"guessed\";");
        Map<String, Object> tlsOnly = Map.of("security.protocol", "SSL", "ssl.truststore.type", "PEM",
                "ssl.truststore.location", topology.tls().dataTier().ca().toString());
        assertThat(produce(Map.of(), forgedPlain)).as("a plaintext client").isNotNull();
        assertThat(produce(tlsOnly, forgedTlsOnly)).as("a TLS client without SASL").isNotNull();
        assertThat(produce(wrongPassword, forgedWrongPassword)).as("a wrong SCRAM password")
                .isInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
        assertThat(produce(topology.kafka().clientSecurity(), authenticated)).as("the instances' credentials").isNull();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> database.queryForObject(
                "select count(*) from events where event_id = ?::uuid", Long.class, authenticated) == 1);
        assertThat(database.queryForObject("select count(*) from events where event_id in (?::uuid, ?::uuid, ?::uuid)", Long.class,
                forgedPlain, forgedTlsOnly, forgedWrongPassword)).as("forged events in the audit table").isZero();

        // PostgreSQL: every connection of the instances is encrypted (they asked for verify-full), the replica streams over TLS
        Map<String, Object> connections = database.queryForMap("""
                select count(*) filter (where s.ssl) as encrypted, count(*) as total from pg_stat_activity a join pg_stat_ssl s on s.pid = a.pid
                where a.backend_type = 'client backend' and a.datname = 'nexusai_prod' and a.application_name <> ?""", Topology.TEST_APPLICATION);
        assertThat(((Number) connections.get("total")).longValue()).as("the instances' connections").isGreaterThanOrEqualTo(2);
        assertThat(connections.get("encrypted")).as("encrypted, of " + connections.get("total")).isEqualTo(connections.get("total"));
        assertThat(database.queryForList("select s.ssl from pg_stat_replication r join pg_stat_ssl s on s.pid = r.pid", Boolean.class))
                .as("the replica's stream").containsExactly(true);

        // Redis: TLS only, and the instances are signed in as the ACL user
        int master = topology.redis().masterPort();
        try (var plain = new com.nexusai.server.platform.redis.RespClient("127.0.0.1", master, 2000)) {
            assertThatThrownBy(() -> plain.call("PING")).as("a plaintext client of the Redis master").isInstanceOf(java.io.IOException.class);
        }
        List<String> clients = topology.redis().askData(master, "CLIENT", "LIST").lines().toList();
        assertThat(clients).as("clients of the master").hasSizeGreaterThan(2)
                .allMatch(line -> line.contains(" user=" + RedisSentinels.USER + " "));

        // the object store: HTTPS only; an upload through the instances goes there and comes back
        java.net.http.HttpClient plainHttp = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        String s3 = topology.environment().get("MINIO_ENDPOINT");
        assertThatThrownBy(() -> plainHttp.send(HttpRequest.newBuilder(java.net.URI.create(s3.replace("https:", "http:") + "/"))
                .timeout(Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()))
                .as("plain HTTP to the object store").isInstanceOf(java.io.IOException.class);
        var uploaded = proxy.send(proxy.request("/api/files?name=tls-check.txt", admin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("over TLS")));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String id = Http.json(uploaded).path("id").asString();
        assertThat(proxy.get("/api/files/" + id + "/content", admin).body()).isEqualTo("over TLS");
        // preflight reaches each of them as the server does, with the same settings
        JsonNode preflight = Http.json(topology.instances().getFirst().http().get("/api/admin/preflight", admin));
        for (String name : List.of("PostgreSQL", "PostgreSQL replica", "Redis", "Kafka", "object store")) {
            JsonNode check = java.util.stream.StreamSupport.stream(preflight.path("checks").spliterator(), false)
                    .filter(c -> c.path("name").asString().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + preflight));
            assertThat(check.path("status").asString()).as(check.toString()).isEqualTo("OK");
        }
        System.out.printf("topology: data tier over TLS with credentials: Kafka refused a plaintext, a TLS-only and a wrong-password producer, "
                + "took the SCRAM one; %s of %s PostgreSQL connections encrypted, the replica's stream too; Redis TLS-only with %d clients as %s; "
                + "object store HTTPS-only%n", connections.get("encrypted"), connections.get("total"), clients.size(), RedisSentinels.USER);
    }

    /** Produces a forged audit event with {@code security}; the failure, or null when the broker took it. */
    private static Exception produce(Map<String, Object> security, String eventId) throws Exception {
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topology.kafka().bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        String event = JSON.writeValueAsString(Map.of("eventId", eventId, "type", "user.created", "aggregateType", "user",
                "aggregateId", "forged", "actor", "intruder", "occurredAt", Instant.now().toString(), "payload", "{}"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(DomainEvent.TOPIC, eventId, event)).get(20, java.util.concurrent.TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return (Exception) e.getCause();
        } catch (org.apache.kafka.common.KafkaException e) {
            return e;
        }
    }

    /**
     * Creates users and uploads files through HAProxy, one request every 50 ms until closed (each one an outbox event;
     * a steady rate, not as fast as possible: the password hashing of user creation would take both cores);
     * counts what succeeded and what failed.
     */
    static final class Traffic implements AutoCloseable {

        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final java.util.concurrent.ScheduledExecutorService sender = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        Traffic(String prefix) {
            sender.scheduleWithFixedDelay(() -> {
                int i = sent.getAndIncrement();
                try {
                    int status = i % 2 == 0
                            ? proxy.post("/api/admin/users", Http.toJson(Map.of("username", prefix + i, "password", "topology-password-1",
                                    "roles", List.of("SUPPORT"))), admin).statusCode()
                            : proxy.send(proxy.request("/api/files?name=" + prefix + i + ".txt", admin).header("Content-Type", "text/plain")
                                    .POST(HttpRequest.BodyPublishers.ofString("file " + i))).statusCode();
                    if (status == 201) {
                        done.incrementAndGet();
                    } else {
                        failures.add(Instant.now() + " " + status);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failures.add(Instant.now() + " " + e);
                }
            }, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            sender.shutdown(); // the request under way finishes
            sender.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The largest under-replicated figure an instance published, read every half second until closed. */
    static final class UnderReplicatedWatch implements AutoCloseable {

        volatile double highest;
        volatile double latest = Double.NaN;
        final java.util.concurrent.ScheduledExecutorService reader = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        UnderReplicatedWatch() {
            reader.scheduleWithFixedDelay(() -> {
                try {
                    latest = metric(metrics(), "nexusai_kafka_partitions_under_replicated");
                    highest = Math.max(highest, latest);
                } catch (Exception e) {
                    // an instance busy restarting: the next read
                }
            }, 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            reader.shutdownNow();
            reader.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(2)
    void aBrokerKilledUnderTrafficLosesNoEventAndComesBackIntoTheIsr() throws Exception {
        String prefix = "kafka-kill-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        Timestamp since = new Timestamp(System.currentTimeMillis());
        // a broker that leads a partition of the events topic and is not the active controller: killing the active
        // controller adds a quorum election, after which the new controller starts the session timeouts afresh
        int controller = kafkaAdmin.describeMetadataQuorum().quorumInfo().get().leaderId();
        int victim = describe(DomainEvent.TOPIC).partitions().stream().map(p -> p.leader().id()).filter(id -> id != controller)
                .findFirst().orElseThrow();
        Instant killedAt;
        Instant restartedAt;
        double highestUnderReplicated;
        Duration backInIsr;
        Traffic traffic = new Traffic(prefix);
        try (UnderReplicatedWatch watch = new UnderReplicatedWatch()) {
            try (traffic) {
                await().atMost(Duration.ofSeconds(30)).until(() -> traffic.done.get() >= 30); // traffic under way
                killedAt = Instant.now();
                topology.kafka().kill(victim);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> watch.highest > 0);
                System.out.println("topology: broker " + victim + " killed; under-replicated partitions seen after "
                        + Duration.between(killedAt, Instant.now()).toMillis() + " ms: " + watch.highest);
                // with the broker still down, producing has resumed on the other two
                Timestamp afterKill = Timestamp.from(killedAt);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> database.queryForObject(
                        "select count(*) from outbox_events where occurred_at > ? and published_at is not null", Long.class, afterKill) >= 20);
                restartedAt = Instant.now();
                topology.kafka().restart(victim);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(ReplicatedTopologyIT::everyPartitionFullyInSync);
                backInIsr = Duration.between(restartedAt, Instant.now());
                int doneWhenInSync = traffic.done.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> traffic.done.get() >= doneWhenInSync + 30); // traffic after the return
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.latest == 0);
            highestUnderReplicated = watch.highest;
        }
        assertThat(traffic.failures).as("requests through HAProxy while a broker was down").isEmpty();
        assertThat(traffic.done.get()).isGreaterThan(100);
        assertThat(highestUnderReplicated).as("the under-replicated figure rose").isPositive();

        // every outbox row of the run reaches the audit table, exactly once
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> database.queryForObject(
                "select count(*) from outbox_events where occurred_at >= ? and published_at is null", Long.class, since) == 0);
        long outbox = database.queryForObject("select count(*) from outbox_events where occurred_at >= ?", Long.class, since);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> database.queryForObject("""
                select count(*) from events e join outbox_events o on o.event_id = e.event_id where o.occurred_at >= ?""", Long.class, since) == outbox);
        long audited = database.queryForObject("""
                select count(*) from events e join outbox_events o on o.event_id = e.event_id where o.occurred_at >= ?""", Long.class, since);
        assertThat(outbox).as("one event per request that succeeded").isGreaterThanOrEqualTo(traffic.done.get());
        assertThat(audited).as("audit rows for the run's outbox rows").isEqualTo(outbox);
        Map<String, Integer> copies = copiesInKafka(database.queryForList(
                "select event_id::text from outbox_events where occurred_at >= ?", String.class, since));
        long missing = copies.values().stream().filter(n -> n == 0).count();
        long duplicated = copies.values().stream().filter(n -> n > 1).count();
        assertThat(missing).as("outbox events absent from the topic").isZero();

        List<Timestamp> published = database.queryForList("""
                select distinct published_at from outbox_events where occurred_at >= ? order by published_at""", Timestamp.class, since);
        Duration longestPause = Duration.ZERO;
        for (int i = 1; i < published.size(); i++) {
            Duration pause = Duration.between(published.get(i - 1).toInstant(), published.get(i).toInstant());
            longestPause = pause.compareTo(longestPause) > 0 ? pause : longestPause;
        }
        System.out.printf("topology: broker %d (not the active controller) SIGKILLed at %s under traffic: %d requests, %d outbox events, %d audited once each, "
                + "%d duplicated in the topic (the consumer stores them once), longest pause in producing %d ms, "
                + "highest under-replicated %.0f, back in the ISR %d ms after its restart%n", victim, killedAt, traffic.done.get(), outbox,
                audited, duplicated, longestPause.toMillis(), highestUnderReplicated, backInIsr.toMillis());
        // the partitions the broker led have no leader until the controllers fence it (the session timeout after its last
        // heartbeat); then the producer needs one metadata refresh to find the new leader, and the relay its next turn
        assertThat(longestPause).as("longest pause in producing").isLessThanOrEqualTo(KafkaCluster.SESSION_TIMEOUT.plusSeconds(2));
    }

    @Test
    @Order(3)
    void theRedisMasterKilledSentinelPromotesTheReplicaAndSessionsSurvive() throws Exception {
        var redis = topology.redis();
        String name = "failover-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(proxy.post("/api/admin/users", Http.toJson(Map.of("username", name, "password", "failover-password-1",
                "roles", List.of("SUPPORT"))), admin).statusCode()).isEqualTo(201);
        JsonNode before = proxy.login(name, "failover-password-1"); // its session is on the replica before the answer (WAIT)
        await().atMost(Duration.ofSeconds(20)).until(() -> metric(metrics(), "nexusai_redis_connected_replicas") == 1);

        JsonNode preflight = Http.json(proxy.get("/api/admin/preflight", admin));
        JsonNode redisCheck = preflight.findParents("name").stream().filter(check -> check.path("name").asString().equals("Redis")).findFirst().orElseThrow();
        assertThat(redisCheck.path("status").asString()).as(redisCheck.toString()).isEqualTo("OK");
        assertThat(redisCheck.path("found").asString()).isEqualTo("master nexusai with 1 replica(s) online");

        int oldMaster = redis.indexOf(redis.masterPort());
        Instant killedAt = Instant.now();
        redis.kill(oldMaster);
        assertThat(proxy.get("/api/users/me", admin).statusCode()).as("an access token needs no Redis while it has no master").isEqualTo(200);
        // sign-ins through HAProxy until one succeeds: none may answer 500 or hang
        List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            int status = proxy.post("/api/auth/login", Http.toJson(Map.of("username", "admin", "password", topology.adminPassword())), null)
                    .statusCode();
            statuses.add(status);
            return status == 200;
        });
        Duration toFirstSignIn = Duration.between(killedAt, Instant.now());
        assertThat(statuses).as("answers while Redis had no master").allSatisfy(status -> assertThat(status).isIn(200, 503));
        assertThat(redis.indexOf(redis.masterPort())).as("the Sentinels promoted the replica").isNotEqualTo(oldMaster);

        // the user signed in before the failover refreshes after it, and the new tokens work
        var refreshed = proxy.post("/api/auth/refresh", Http.toJson(Map.of("refreshToken", before.path("refreshToken").asString())), null);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String access = Http.json(refreshed).path("accessToken").asString();
        for (var instance : topology.instances()) {
            assertThat(instance.http().get("/api/users/me", access).statusCode()).as(instance.name()).isEqualTo(200);
        }
        // throttling and revocation work on the new master
        for (int i = 0; i < 6; i++) {
            assertThat(proxy.post("/api/auth/login", Http.toJson(Map.of("username", name, "password", "wrong-" + i)), null).statusCode()).isIn(401, 429);
        }
        assertThat(proxy.post("/api/auth/login", Http.toJson(Map.of("username", name, "password", "failover-password-1")), null).statusCode())
                .as("the throttle counted the wrong passwords").isEqualTo(429);
        assertThat(proxy.post("/api/auth/logout", null, access).statusCode()).isIn(200, 204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (var instance : topology.instances()) {
                assertThat(instance.http().get("/api/users/me", access).statusCode()).as(instance.name()).isEqualTo(401);
            }
        });

        // a backup now takes the RDB from the new master, found through the Sentinels (the old one is still down)
        JsonNode backup = backup("redis");
        assertThat(backup.path("status").asString()).as(backup.toString()).isEqualTo("succeeded");

        // the old master comes back as a replica of the new one
        redis.restart(oldMaster);
        // the Sentinels make it a replica and then close its clients (CLIENT KILL TYPE normal): a question may meet that
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(java.io.IOException.class)
                .until(() -> redis.replicationInfo(oldMaster).contains("role:slave")
                && redis.replicationInfo(oldMaster).contains("master_link_status:up"));
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(metrics(), "nexusai_redis_connected_replicas") == 1);
        System.out.printf("topology: Redis master SIGKILLed at %s; first successful sign-in through HAProxy after %d ms (%d answers before it: %s); "
                + "the session from before the failover refreshed; the old master back as a replica%n", killedAt, toFirstSignIn.toMillis(),
                statuses.size() - 1, statuses.subList(0, statuses.size() - 1).stream().distinct().toList());
        assertThat(toFirstSignIn).as("the first successful sign-in after the kill").isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    private static JsonNode backup(String kind) throws Exception {
        JsonNode run = Http.json(proxy.post("/api/admin/backups", Http.toJson(Map.of("kind", kind)), admin)).get(0);
        await().atMost(Duration.ofSeconds(90)).until(() -> !Http.json(proxy.get("/api/admin/backups/" + run.path("id").asString(), admin))
                .path("status").asString().equals("running"));
        return Http.json(proxy.get("/api/admin/backups/" + run.path("id").asString(), admin));
    }

    @Test
    @Order(4)
    void backupsReadFromThePostgresReplicaAndFromThePrimaryWithAWarningWhenItIsDown() throws Exception {
        var standby = topology.postgresReplica();
        var first = topology.instances().getFirst().http();
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.json(first.get("/actuator/health", admin)).at("/components/dbReplica/status")
                .asString().equals("UP"));
        JsonNode replicaCheck = Http.json(proxy.get("/api/admin/preflight", admin)).findParents("name").stream()
                .filter(check -> check.path("name").asString().equals("PostgreSQL replica")).findFirst().orElseThrow();
        assertThat(replicaCheck.path("status").asString()).as(replicaCheck.toString()).isEqualTo("OK");
        assertThat(replicaCheck.path("found").asString()).startsWith("standby 15.");
        JsonNode fromReplica = backup("postgres");
        assertThat(fromReplica.path("status").asString()).as(fromReplica.toString()).isEqualTo("succeeded");
        assertThat(fromReplica.path("source").asString()).isEqualTo("replica 127.0.0.1:" + standby.port());

        // replication lag in bytes and seconds rises under a write burst while the replica is paused, and falls after
        database.execute("create table if not exists replica_burst (id bigserial primary key, filler text)");
        standby.pause(true);
        double behindWhilePaused;
        double lagWhilePaused;
        try {
            database.update("insert into replica_burst (filler) select repeat('x', 1000) from generate_series(1, 20000)");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> metric(metrics(), "nexusai_db_replica_behind_bytes") > 10_000_000 && metric(metrics(), "pg_replication_lag_seconds") >= 1);
            List<Sample> paused = metrics();
            behindWhilePaused = metric(paused, "nexusai_db_replica_behind_bytes");
            lagWhilePaused = metric(paused, "pg_replication_lag_seconds");
            // replay still stuck past the alert's 30 s: the standby's own delay keeps growing, and the investigation names it
            JsonNode lagging = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> Http.json(
                    first.get("/api/investigations/findings", admin)).values().stream().filter(finding -> finding.path("id").asString()
                    .equals("replica-lagging")).findFirst().orElse(null), java.util.Objects::nonNull);
            assertThat(lagging.path("severity").asString()).isEqualTo("warning");
            assertThat(lagging.path("evidence").get(0).path("name").asString()).isEqualTo("pg_replication_lag_seconds");
            assertThat(Double.parseDouble(lagging.path("evidence").get(0).path("value").asString())).isGreaterThan(30);
        } finally {
            standby.pause(false);
        }
        Instant resumed = Instant.now();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> metric(metrics(), "nexusai_db_replica_behind_bytes") == 0 && metric(metrics(), "pg_replication_lag_seconds") == 0);
        Duration caughtUp = Duration.between(resumed, Instant.now());

        // stopped: shown with the reason, the server stays UP, a backup reads from the primary and says why
        standby.stopServer();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Http.json(first.get("/actuator/health", admin)).at("/components/dbReplica/status")
                    .asString().equals("UNAVAILABLE"));
            JsonNode health = Http.json(first.get("/actuator/health", admin));
            assertThat(health.path("status").asString()).as("the server without its replica: %s", health).isEqualTo("UP");
            assertThat(health.at("/components/dbReplica/details/error").asString()).contains("does not answer");
            JsonNode fromPrimary = backup("postgres");
            assertThat(fromPrimary.path("status").asString()).as(fromPrimary.toString()).isEqualTo("succeeded");
            assertThat(fromPrimary.path("source").asString()).startsWith("primary (warning: the replica 127.0.0.1:" + standby.port() + " is not usable: ");
        } finally {
            standby.startServer();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.json(first.get("/actuator/health", admin)).at("/components/dbReplica/status")
                .asString().equals("UP"));
        System.out.printf("topology: PostgreSQL replica paused under a 20 MB write burst: %.0f bytes and %.1f s behind; caught up %d ms after it resumed; "
                + "stopped: backup from the primary with a warning, server UP%n", behindWhilePaused, lagWhilePaused, caughtUp.toMillis());
    }

    @Test
    @Order(5)
    void withThePostgresPrimaryStoppedCallsThatNeedItAnswer503AndTheInstancesRecoverWhenItReturns() throws Exception {
        // the embedded primary's postmaster, and the command that started it, to start it again the same way
        java.nio.file.Path dataDir = dir.resolve("services/postgres");
        long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
        List<String> command = List.of(new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(postmaster),
                "cmdline")), java.nio.charset.StandardCharsets.UTF_8).split("\0"));
        var first = topology.instances().getFirst().http();
        new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster)).start().waitFor();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(postmaster).isEmpty());
        Instant stopped = Instant.now();
        Process restarted = null;
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Http.json(first.get("/actuator/health", admin)).at("/components/db/status").asString().equals("DOWN"));
            Duration toDown = Duration.between(stopped, Instant.now());
            JsonNode health = Http.json(first.get("/actuator/health", admin));
            assertThat(health.at("/components/db/details").toString()).as("the reason").isNotEqualTo("\"\"").isNotBlank();

            Instant asked = Instant.now();
            var needsDatabase = proxy.get("/api/admin/users", admin);
            Duration answeredIn = Duration.between(asked, Instant.now());
            assertThat(needsDatabase.statusCode()).as(needsDatabase.body()).isEqualTo(503);
            assertThat(Http.json(needsDatabase).path("detail").asString()).isEqualTo("PostgreSQL did not answer in time");
            assertThat(answeredIn).as("answered within the pool's connection timeout, not hung").isLessThan(Duration.ofSeconds(10));
            var alerts = proxy.get("/api/alerts", admin);
            assertThat(alerts.statusCode()).as("the alerts without their database: the instance's own engine").isEqualTo(200);
            assertThat(Http.json(alerts).valueStream()).allSatisfy(alert -> assertThat(alert.path("recorded").asBoolean()).isFalse());
            assertThat(proxy.get("/api/maintenance/windows?days=1", admin).statusCode()).as("a call that needs no database").isEqualTo(200);
            assertThat(proxy.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            System.out.printf("topology: PostgreSQL primary stopped: db DOWN in the health after %d ms; a call needing it answered 503 in %d ms; "
                    + "calls without it answered 200%n", toDown.toMillis(), answeredIn.toMillis());
        } finally {
            List<String> again = new ArrayList<>(List.of("unshare", "-U")); // as the embedded platform starts it: root may not
            again.addAll(command);
            restarted = new ProcessBuilder(again).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("primary-restarted.log").toFile())).start();
        }
        Instant back = Instant.now();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> proxy.get("/api/admin/users", admin).statusCode() == 200);
        for (var instance : topology.instances()) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Http.json(instance.http().get("/actuator/health", admin)).at("/components/db/status").asString().equals("UP"));
        }
        System.out.printf("topology: PostgreSQL primary back: the API answered 200 again after %d ms, without a restart of the instances%n",
                Duration.between(back, Instant.now()).toMillis());
        assertThat(restarted.isAlive()).isTrue();
    }

    /** Every partition of every topic with all its replicas in sync. */
    static boolean everyPartitionFullyInSync() {
        try {
            var names = kafkaAdmin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            return kafkaAdmin.describeTopics(names).allTopicNames().get().values().stream().flatMap(t -> t.partitions().stream())
                    .allMatch((TopicPartitionInfo p) -> p.isr().size() == p.replicas().size());
        } catch (Exception e) {
            return false;
        }
    }

    /** How many times each of {@code eventIds} is in the events topic, read from the beginning by a fresh consumer. */
    static Map<String, Integer> copiesInKafka(List<String> eventIds) throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        eventIds.forEach(id -> copies.put(id, 0));
        Map<String, Object> config = new HashMap<>(topology.kafka().clientSecurity());
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topology.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "topology-count-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            describe(DomainEvent.TOPIC).partitions().forEach(p -> partitions.add(new TopicPartition(DomainEvent.TOPIC, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    String id = JSON.readTree(record.value()).path("eventId").asString();
                    copies.computeIfPresent(id, (key, n) -> n + 1);
                }
            }
        }
        return copies;
    }
}
