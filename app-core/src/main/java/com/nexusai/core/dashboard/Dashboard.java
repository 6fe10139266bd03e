package com.nexusai.core.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.nexusai.core.metrics.Counters;
import com.nexusai.core.metrics.Sample;

/**
 * What the live panels show for one instance, computed from two successive scrapes (rates need two):
 * the guide's §3.1 metrics. Pure data, so the console only draws it.
 */
public record Dashboard(String instance, Instant at, Jvm jvm, Http http, Pool pool, DatabaseReplica databaseReplica, List<Lag> kafkaLag,
        KafkaReplication kafkaReplication, Redis redis, Host host) {

    public record Jvm(double heapUsed, double heapCommitted, double heapMax, double nonHeapUsed, double liveThreads,
            Map<String, double[]> gcPauses) {
    }

    /** Requests and 5xx answers per second, and the p95 latency over the interval (seconds; NaN without traffic). */
    public record Http(double requestsPerSecond, double errorsPerSecond, double p95Seconds) {
    }

    public record Pool(double active, double idle, double pending, double max) {

        public double usage() {
            return max > 0 ? active / max : Double.NaN;
        }
    }

    /** The PostgreSQL replica: up 1/0 (NaN: none configured), WAL bytes and seconds behind. */
    public record DatabaseReplica(double up, double behindBytes, double lagSeconds) {

        public boolean configured() {
            return !Double.isNaN(up);
        }
    }

    public record Lag(String group, String topic, String partition, double lag) {
    }

    /** One Kafka broker as the server sees it: up or not, partitions it leads, replicas it holds out of sync. */
    public record Broker(String id, boolean up, double leaders, double outOfSync) {
    }

    /** The cluster's brokers, and its under-replicated and offline partitions (NaN when the server does not publish them). */
    public record KafkaReplication(List<Broker> brokers, double underReplicated, double offline) {

        public KafkaReplication {
            brokers = List.copyOf(brokers);
        }
    }

    /** One Redis replica as the master sees it: bytes it has still to acknowledge, seconds since it last did. */
    public record RedisReplica(String address, double behindBytes, double lagSeconds) {
    }

    /**
     * The Redis the server writes to: {@code role} "master", "replica" or "" when the server does not say, with the
     * replicas connected to it.
     */
    public record Redis(String role, List<RedisReplica> replicas) {

        public Redis {
            replicas = List.copyOf(replicas);
        }
    }

    /** Fractions 0..1 (NaN when the server does not publish them). */
    public record Host(double cpu, double memory, double disk) {
    }

    /** Every metric family the dashboard reads: a scrape can skip the rest ({@code Exposition.parse(text, wanted)}). */
    public static final java.util.Set<String> METRICS = java.util.Set.of(
            "disk_free_bytes",
            "disk_total_bytes",
            "hikaricp_connections_active",
            "hikaricp_connections_idle",
            "hikaricp_connections_max",
            "hikaricp_connections_pending",
            "http_server_requests_seconds_bucket",
            "http_server_requests_seconds_count",
            "jvm_gc_pause_seconds_count",
            "jvm_gc_pause_seconds_sum",
            "jvm_memory_committed_bytes",
            "jvm_memory_max_bytes",
            "jvm_memory_used_bytes",
            "jvm_threads_live_threads",
            "kafka_consumer_records_lag",
            "nexusai_db_replica_behind_bytes",
            "nexusai_db_replica_up",
            "nexusai_host_memory_available_bytes",
            "nexusai_host_memory_total_bytes",
            "nexusai_kafka_broker_leaders",
            "nexusai_kafka_broker_out_of_sync_partitions",
            "nexusai_kafka_broker_up",
            "nexusai_kafka_partitions_offline",
            "nexusai_kafka_partitions_under_replicated",
            "nexusai_redis_master",
            "nexusai_redis_replica_behind_bytes",
            "nexusai_redis_replica_lag_seconds",
            "pg_replication_lag_seconds",
            "system_cpu_usage");

    /** The dashboard at {@code current}, with rates over the time since {@code previous} (null: no rates yet). */
    public static Dashboard of(String instance, Instant previousAt, List<Sample> previous, Instant at, List<Sample> current) {
        double seconds = previous == null ? 0 : Math.max(1e-3, (at.toEpochMilli() - previousAt.toEpochMilli()) / 1000.0);
        Jvm jvm = new Jvm(sum(current, "jvm_memory_used_bytes", "area", "heap", false),
                sum(current, "jvm_memory_committed_bytes", "area", "heap", false),
                sum(current, "jvm_memory_max_bytes", "area", "heap", true),
                sum(current, "jvm_memory_used_bytes", "area", "nonheap", false),
                sum(current, "jvm_threads_live_threads", null, null, false), gcPauses(current));
        Http http = previous == null ? new Http(Double.NaN, Double.NaN, Double.NaN)
                : new Http(increase(previous, current, "http_server_requests_seconds_count", null) / seconds,
                        increase(previous, current, "http_server_requests_seconds_count", "SERVER_ERROR") / seconds,
                        p95(previous, current));
        Pool pool = new Pool(sum(current, "hikaricp_connections_active", null, null, false), sum(current, "hikaricp_connections_idle", null, null, false),
                sum(current, "hikaricp_connections_pending", null, null, false), sum(current, "hikaricp_connections_max", null, null, false));
        DatabaseReplica databaseReplica = new DatabaseReplica(sum(current, "nexusai_db_replica_up", null, null, false),
                sum(current, "nexusai_db_replica_behind_bytes", null, null, false), sum(current, "pg_replication_lag_seconds", null, null, false));
        List<Lag> lags = new ArrayList<>();
        for (Sample sample : current) {
            if (sample.name().equals("kafka_consumer_records_lag")) {
                lags.add(new Lag(sample.label("group"), sample.label("topic"), sample.label("partition"), sample.value()));
            }
        }
        lags.sort(Comparator.comparingDouble(Lag::lag).reversed());
        KafkaReplication replication = new KafkaReplication(brokers(current), sum(current, "nexusai_kafka_partitions_under_replicated", null, null, false),
                sum(current, "nexusai_kafka_partitions_offline", null, null, false));
        double master = sum(current, "nexusai_redis_master", null, null, false);
        Redis redis = new Redis(master == 1 ? "master" : master == 0 ? "replica" : "", redisReplicas(current));
        double memoryTotal = sum(current, "nexusai_host_memory_total_bytes", null, null, false);
        double memoryAvailable = sum(current, "nexusai_host_memory_available_bytes", null, null, false);
        double diskTotal = sum(current, "disk_total_bytes", null, null, false);
        double diskFree = sum(current, "disk_free_bytes", null, null, false);
        Host host = new Host(sum(current, "system_cpu_usage", null, null, false),
                memoryTotal > 0 ? 1 - memoryAvailable / memoryTotal : Double.NaN, diskTotal > 0 ? 1 - diskFree / diskTotal : Double.NaN);
        return new Dashboard(instance, at, jvm, http, pool, databaseReplica, List.copyOf(lags), replication, redis, host);
    }

    private static List<RedisReplica> redisReplicas(List<Sample> samples) {
        Map<String, double[]> replicas = new TreeMap<>();
        for (Sample sample : samples) {
            int column = sample.name().equals("nexusai_redis_replica_behind_bytes") ? 0 : sample.name().equals("nexusai_redis_replica_lag_seconds") ? 1 : -1;
            if (column >= 0 && sample.label("replica") != null) {
                replicas.computeIfAbsent(sample.label("replica"), ignored -> new double[] {Double.NaN, Double.NaN})[column] = sample.value();
            }
        }
        List<RedisReplica> list = new ArrayList<>();
        replicas.forEach((address, values) -> list.add(new RedisReplica(address, values[0], values[1])));
        return list;
    }

    /** The brokers of {@code nexusai_kafka_broker_up}, with their leaders and out-of-sync replicas, by id. */
    private static List<Broker> brokers(List<Sample> samples) {
        Map<String, double[]> brokers = new TreeMap<>(Comparator.comparingInt((String id) -> id.length()).thenComparing(id -> id));
        for (Sample sample : samples) {
            int column = switch (sample.name()) {
                case "nexusai_kafka_broker_up" -> 0;
                case "nexusai_kafka_broker_leaders" -> 1;
                case "nexusai_kafka_broker_out_of_sync_partitions" -> 2;
                default -> -1;
            };
            if (column >= 0 && sample.label("broker") != null) {
                brokers.computeIfAbsent(sample.label("broker"), ignored -> new double[] {Double.NaN, 0, 0})[column] = sample.value();
            }
        }
        List<Broker> list = new ArrayList<>();
        brokers.forEach((id, values) -> list.add(new Broker(id, values[0] == 1, values[1], values[2])));
        return list;
    }

    private static double sum(List<Sample> samples, String name, String label, String value, boolean positiveOnly) {
        double total = 0;
        boolean found = false;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && (label == null || value.equals(sample.label(label))) && !Double.isNaN(sample.value())
                    && (!positiveOnly || sample.value() > 0)) {
                total += sample.value();
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }

    /** Per collector: pauses and seconds paused, since start. */
    private static Map<String, double[]> gcPauses(List<Sample> samples) {
        Map<String, double[]> pauses = new TreeMap<>();
        for (Sample sample : samples) {
            String gc = sample.label("gc");
            if (gc == null) {
                continue;
            }
            if (sample.name().equals("jvm_gc_pause_seconds_count")) {
                pauses.computeIfAbsent(gc, ignored -> new double[2])[0] += sample.value();
            } else if (sample.name().equals("jvm_gc_pause_seconds_sum")) {
                pauses.computeIfAbsent(gc, ignored -> new double[2])[1] += sample.value();
            }
        }
        return pauses;
    }

    private static double increase(List<Sample> previous, List<Sample> current, String name, String outcome) {
        return Counters.increases(previous, current, name).stream().filter(s -> outcome == null || outcome.equals(s.label("outcome")))
                .mapToDouble(Sample::value).sum();
    }

    private static double p95(List<Sample> previous, List<Sample> current) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Sample bucket : Counters.increases(previous, current, "http_server_requests_seconds_bucket")) {
            if (bucket.label("le") != null) {
                buckets.merge(Counters.upperBound(bucket.label("le")), bucket.value(), Double::sum);
            }
        }
        return Counters.quantile(0.95, buckets);
    }
}
