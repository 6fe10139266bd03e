package com.nexusai.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Instant;

import com.nexusai.core.metrics.Exposition;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static String scrape(long requests, long errors, long fastBucket, long slowBucket, double heapOld) {
        return """
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 100
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} %s
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 50
                jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} 2000
                jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1
                jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 4000
                jvm_threads_live_threads 42
                jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 7
                jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.25
                http_server_requests_seconds_count{outcome="SUCCESS",status="200",uri="/a"} %d
                http_server_requests_seconds_count{outcome="SERVER_ERROR",status="500",uri="/a"} %d
                http_server_requests_seconds_bucket{outcome="SUCCESS",status="200",uri="/a",le="0.1"} %d
                http_server_requests_seconds_bucket{outcome="SUCCESS",status="200",uri="/a",le="1.0"} %d
                http_server_requests_seconds_bucket{outcome="SUCCESS",status="200",uri="/a",le="+Inf"} %d
                hikaricp_connections_active{pool="HikariPool-1"} 3
                hikaricp_connections_idle{pool="HikariPool-1"} 7
                hikaricp_connections_pending{pool="HikariPool-1"} 0
                hikaricp_connections_max{pool="HikariPool-1"} 10
                kafka_consumer_records_lag{group="a",partition="0",topic="t"} 5
                kafka_consumer_records_lag{group="b",partition="1",topic="t"} 500
                system_cpu_usage 0.25
                nexusai_host_memory_total_bytes 1000
                nexusai_host_memory_available_bytes 400
                disk_total_bytes{path="/data"} 100
                disk_free_bytes{path="/data"} 70
                """.formatted(heapOld, requests, errors, fastBucket, fastBucket + slowBucket, fastBucket + slowBucket);
    }

    @Test
    void panelsAreComputedFromTwoScrapes() {
        var first = Exposition.parse(scrape(1000, 10, 1000, 0, 900));
        var second = Exposition.parse(scrape(1100, 12, 1090, 10, 1100));
        Dashboard dashboard = Dashboard.of("app1:8080", T0, first, T0.plusSeconds(10), second);

        assertThat(dashboard.jvm().heapUsed()).as("summed over the heap pools").isEqualTo(1200);
        assertThat(dashboard.jvm().heapMax()).as("over the pools that have a maximum").isEqualTo(4000);
        assertThat(dashboard.jvm().nonHeapUsed()).isEqualTo(50);
        assertThat(dashboard.jvm().liveThreads()).isEqualTo(42);
        assertThat(dashboard.jvm().gcPauses().get("G1 Young Generation")).containsExactly(7, 0.25);
        assertThat(dashboard.http().requestsPerSecond()).as("(100 + 2) requests in 10 s").isCloseTo(10.2, offset(1e-9));
        assertThat(dashboard.http().errorsPerSecond()).isCloseTo(0.2, offset(1e-9));
        assertThat(dashboard.http().p95Seconds()).as("10 of 100 requests of the interval above 0.1 s").isCloseTo(0.55, offset(1e-9));
        assertThat(dashboard.pool().usage()).isCloseTo(0.3, offset(1e-9));
        assertThat(dashboard.kafkaLag()).extracting(Dashboard.Lag::group).as("worst first").containsExactly("b", "a");
        assertThat(dashboard.host().cpu()).isEqualTo(0.25);
        assertThat(dashboard.host().memory()).isCloseTo(0.6, offset(1e-9));
        assertThat(dashboard.host().disk()).isCloseTo(0.3, offset(1e-9));
    }

    @Test
    void parsingOnlyTheFamiliesItReadsGivesTheSameDashboard() {
        String noise = "process_files_open_files 12\nexecutor_active_threads{name=\"applicationTaskExecutor\"} 1\n"
                + "logback_events_total{level=\"warn\"} 3\n";
        Dashboard whole = Dashboard.of("app1:8080", T0, Exposition.parse(noise + scrape(1000, 10, 1000, 0, 900)),
                T0.plusSeconds(10), Exposition.parse(noise + scrape(1100, 12, 1090, 10, 1100)));
        var first = Exposition.parse(noise + scrape(1000, 10, 1000, 0, 900), Dashboard.METRICS::contains);
        var second = Exposition.parse(noise + scrape(1100, 12, 1090, 10, 1100), Dashboard.METRICS::contains);

        assertThat(second).extracting(com.nexusai.core.metrics.Sample::name).allMatch(Dashboard.METRICS::contains);
        assertThat(Dashboard.of("app1:8080", T0, first, T0.plusSeconds(10), second)).usingRecursiveComparison()
                .withComparatorForType(Double::compare, Double.class).isEqualTo(whole);
    }

    @Test
    void theFirstScrapeHasNoRatesYet() {
        Dashboard dashboard = Dashboard.of("app1:8080", null, null, T0, Exposition.parse(scrape(1000, 10, 1000, 0, 900)));
        assertThat(dashboard.http().requestsPerSecond()).isNaN();
        assertThat(dashboard.http().p95Seconds()).isNaN();
        assertThat(dashboard.jvm().heapUsed()).isEqualTo(1000);
    }

    @Test
    void kafkaBrokersAreListedByIdWithTheirLeadersAndLaggingReplicas() {
        var samples = Exposition.parse("""
                nexusai_kafka_broker_up{broker="10"} 1
                nexusai_kafka_broker_up{broker="2"} 0
                nexusai_kafka_broker_up{broker="1"} 1
                nexusai_kafka_broker_leaders{broker="1"} 4
                nexusai_kafka_broker_leaders{broker="10"} 3
                nexusai_kafka_broker_leaders{broker="2"} 0
                nexusai_kafka_broker_out_of_sync_partitions{broker="2"} 7
                nexusai_kafka_partitions_under_replicated 7
                nexusai_kafka_partitions_offline 0
                """);
        Dashboard.KafkaReplication kafka = Dashboard.of("app1", null, null, T0, samples).kafkaReplication();
        assertThat(kafka.brokers()).containsExactly(new Dashboard.Broker("1", true, 4, 0), new Dashboard.Broker("2", false, 0, 7),
                new Dashboard.Broker("10", true, 3, 0));
        assertThat(kafka.underReplicated()).isEqualTo(7);
        assertThat(kafka.offline()).isZero();
        assertThat(Dashboard.of("app1", null, null, T0, Exposition.parse("system_cpu_usage 0.1\n")).kafkaReplication().underReplicated())
                .as("a server that does not publish them").isNaN();
    }

    @Test
    void theRedisRoleAndItsReplicasComeFromTheServersReplicationSeries() {
        var samples = Exposition.parse("""
                nexusai_redis_master 1
                nexusai_redis_connected_replicas 1
                nexusai_redis_replica_behind_bytes{replica="10.0.0.3:6379"} 512
                nexusai_redis_replica_lag_seconds{replica="10.0.0.3:6379"} 1
                """);
        Dashboard.Redis redis = Dashboard.of("app1", null, null, T0, samples).redis();
        assertThat(redis.role()).isEqualTo("master");
        assertThat(redis.replicas()).containsExactly(new Dashboard.RedisReplica("10.0.0.3:6379", 512, 1));
        assertThat(Dashboard.of("app1", null, null, T0, Exposition.parse("nexusai_redis_master -1\n")).redis().role()).isEmpty();
    }

    @Test
    void theDatabaseReplicaIsShownOnlyWhenTheServerPublishesIt() {
        Dashboard.DatabaseReplica replica = Dashboard.of("app1", null, null, T0, Exposition.parse("""
                nexusai_db_replica_up 0
                nexusai_db_replica_behind_bytes 12345
                pg_replication_lag_seconds 7.5
                """)).databaseReplica();
        assertThat(replica.configured()).isTrue();
        assertThat(replica).isEqualTo(new Dashboard.DatabaseReplica(0, 12345, 7.5));
        assertThat(Dashboard.of("app1", null, null, T0, Exposition.parse("system_cpu_usage 0.1\n")).databaseReplica().configured()).isFalse();
    }
}
