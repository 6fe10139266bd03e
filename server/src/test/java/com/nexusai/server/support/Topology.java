package com.nexusai.server.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The guide's topology (§1.2) on loopback, from real binaries, for any test that needs it: a three-broker KRaft
 * Kafka cluster ({@link KafkaCluster}), a Redis master with a replica and three Sentinels ({@link
 * RedisSentinels}, reached only through the Sentinels), PostgreSQL with a streaming replica ({@link PostgresStandby})
 * and the S3 store ({@link ProdServices}), NexusAI
 * instances in the prod profile from the packaged jar over HTTPS ({@link SupervisedInstance}), and HAProxy with
 * the shipped configuration in front ({@link Haproxy}). Start it once per test class: it takes about a minute.
 *
 * <p>The data tier is secured as env.sh allows, with certificates signed by an authority of the test's own
 * ({@link TlsMaterial.DataTier}): Kafka over SASL_SSL with SCRAM, PostgreSQL with TLS (the instances connect with
 * {@code sslmode=verify-full}, the replica streams over TLS), Redis and its Sentinels on TLS only with an ACL user,
 * and the object store over HTTPS only.
 */
public final class Topology implements AutoCloseable {

    private final TlsMaterial tls;
    private final ProdServices services;
    private final KafkaCluster kafka;
    private final RedisSentinels redis;
    private SecureS3 s3;
    private PostgresStandby postgresReplica;
    private final List<SupervisedInstance> instances = new ArrayList<>();
    private Haproxy haproxy;

    private Topology(TlsMaterial tls, ProdServices services, KafkaCluster kafka, RedisSentinels redis) {
        this.tls = tls;
        this.services = services;
        this.kafka = kafka;
        this.redis = redis;
    }

    /** Starts everything, {@code instanceCount} instances each with {@code instanceArgs} ({@code --name=value}). */
    public static Topology start(Path dir, int instanceCount, String... instanceArgs) throws Exception {
        Files.createDirectories(dir);
        TlsMaterial tls = TlsMaterial.make(dir.resolve("tls"));
        KafkaCluster kafka = KafkaCluster.start(dir.resolve("kafka"), 3, tls.dataTier());
        RedisSentinels redis;
        ProdServices services;
        try {
            redis = RedisSentinels.start(dir.resolve("redis"), tls.dataTier());
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        try {
            services = ProdServices.start(dir.resolve("services"));
        } catch (RuntimeException e) {
            redis.close();
            kafka.close();
            throw e;
        }
        Topology topology = new Topology(tls, services, kafka, redis);
        try {
            topology.s3 = SecureS3.start(dir.resolve("s3-https"), tls.dataTier());
            topology.enablePostgresTls(); // before the copy: the replica inherits the settings
            topology.postgresReplica = PostgresStandby.start(dir.resolve("postgres-replica"), services.platform().postgres(),
                    PostgresStandby.embeddedBinaries(dir.resolve("services")), tls.dataTier().ca());
            for (int i = 1; i <= instanceCount; i++) { // one at a time: the first creates the admin account
                topology.instances.add(SupervisedInstance.start(dir, "instance-" + i, topology.environment(), tls, instanceArgs));
            }
            topology.haproxy = Haproxy.start(dir, topology.instances, tls);
        } catch (Exception e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    /**
     * TLS on the primary with the data tier's server certificate, as an admin turns it on ({@code ALTER SYSTEM}, then a
     * reload); returns once new connections can use it.
     */
    private void enablePostgresTls() {
        JdbcTemplate superuser = database();
        superuser.execute("alter system set ssl = on");
        superuser.execute("alter system set ssl_cert_file = '" + tls.dataTier().certificate() + "'");
        superuser.execute("alter system set ssl_key_file = '" + tls.dataTier().key() + "'");
        superuser.execute("select pg_reload_conf()");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> "on".equals(superuser.queryForObject("show ssl", String.class)));
    }

    /**
     * The guide's variables of every instance (env.sh): the shared services, the Kafka cluster's three brokers, and
     * Redis through its Sentinels only (no REDIS_HOST), each secured: DATA_TIER_CA_FILE, DB_SSLMODE=verify-full on
     * the name in the certificate, REDIS_TLS with the ACL user, KAFKA_SECURITY_PROTOCOL=SASL_SSL, an https object store.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(services.environment());
        environment.put("DATA_TIER_CA_FILE", tls.dataTier().ca().toString());
        environment.put("DB_HOST", "localhost");
        environment.put("DB_SSLMODE", "verify-full");
        environment.put("KAFKA_SERVERS", kafka.bootstrapServers());
        environment.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("KAFKA_SASL_USERNAME", KafkaCluster.CLIENT_USER);
        environment.put("KAFKA_SASL_PASSWORD", kafka.clientPassword());
        environment.remove("REDIS_HOST");
        environment.remove("REDIS_PORT");
        environment.put("REDIS_TLS", "true");
        environment.put("REDIS_USERNAME", RedisSentinels.USER);
        environment.put("REDIS_PASSWORD", redis.password());
        environment.put("REDIS_SENTINEL_MASTER", RedisSentinels.MASTER);
        environment.put("REDIS_SENTINEL_NODES", redis.sentinelNodes());
        environment.put("REDIS_SENTINEL_PASSWORD", redis.sentinelPassword());
        environment.putAll(s3.environment());
        environment.put("DB_REPLICA_HOST", "127.0.0.1");
        environment.put("DB_REPLICA_PORT", Integer.toString(postgresReplica.port()));
        return environment;
    }

    public PostgresStandby postgresReplica() {
        return postgresReplica;
    }

    public RedisSentinels redis() {
        return redis;
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public List<SupervisedInstance> instances() {
        return List.copyOf(instances);
    }

    public Haproxy haproxy() {
        return haproxy;
    }

    /** A client of HAProxy's front end. */
    public Http proxy() {
        return haproxy.http();
    }

    public String adminPassword() {
        return services.adminPassword();
    }

    public TlsMaterial tls() {
        return tls;
    }

    /** The instances' database, for counting what they stored (the test's own connections: {@value #TEST_APPLICATION}, no TLS). */
    public JdbcTemplate database() {
        var postgres = services.platform().postgres();
        return new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/nexusai_prod?sslmode=disable&ApplicationName="
                + TEST_APPLICATION, postgres.username(), postgres.password()));
    }

    /** The application name of the test's own database connections. */
    public static final String TEST_APPLICATION = "topology-test";

    /**
     * The resident memory of each process of the topology that runs on its own (brokers, Redis data nodes, instances, HAProxy), from
     * {@code /proc}; PostgreSQL, Redis and the S3 store are not counted (embedded, they stand in for their hosts).
     */
    public Map<String, Long> residentMemory() throws Exception {
        Map<String, Long> memory = new java.util.LinkedHashMap<>();
        for (int index = 0; index < 2; index++) {
            memory.put("redis-" + index, resident(redis.pid(index)));
        }
        for (int node = 1; node <= kafka.size(); node++) {
            if (kafka.running(node)) {
                memory.put("kafka-" + node, resident(kafka.pid(node)));
            }
        }
        for (SupervisedInstance instance : instances) {
            memory.put(instance.name(), resident(instance.pid()));
        }
        memory.put("haproxy", resident(haproxy.pid()));
        return memory;
    }

    private static long resident(long pid) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
    }

    @Override
    public void close() {
        if (haproxy != null) {
            haproxy.close();
        }
        for (SupervisedInstance instance : instances) {
            try {
                instance.stop();
            } catch (Exception e) {
                instance.supervisor().destroyForcibly();
            }
        }
        if (postgresReplica != null) {
            postgresReplica.close();
        }
        services.close();
        if (s3 != null) {
            try {
                s3.close();
            } catch (Exception ignored) {
                // the test's directory goes anyway
            }
        }
        redis.close();
        kafka.close();
    }
}
