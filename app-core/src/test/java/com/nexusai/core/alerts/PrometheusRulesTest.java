package com.nexusai.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered rules: the errata's corrected expressions, the shipped file in step, and promtool's approval. */
class PrometheusRulesTest {

    /** The file the server's deployment ships (issue 9 installs it beside prometheus.yml). */
    static final Path SHIPPED = Path.of("..", "installers", "server", "prometheus", "alerting_rules.yml");

    @Test
    void theGuidesRulesComeOutCorrected() {
        String yaml = PrometheusRules.render(AlertRules.shipped());
        assertThat(yaml).contains("expr: 'sum by (instance) (jvm_memory_used_bytes{area=\"heap\"}) / sum by (instance) "
                + "(jvm_memory_max_bytes{area=\"heap\"} > 0) > 0.9'");
        assertThat(yaml).contains("expr: 'histogram_quantile(0.95, sum by (le, instance) (rate(http_server_requests_seconds_bucket[5m]))) > 2'");
        assertThat(yaml).contains("expr: 'sum by (instance, pool) (hikaricp_connections_active) / sum by (instance, pool) (hikaricp_connections_max) > 0.9'");
        assertThat(yaml).contains("expr: 'kafka_consumer_records_lag > 10000'").contains("for: 10m");
        assertThat(yaml).contains("expr: '1 - (sum by (instance, path) (disk_free_bytes) / sum by (instance, path) (disk_total_bytes)) > 0.8'");
        assertThat(yaml).contains("severity: critical");
        assertThat(yaml).contains("expr: 'sum by (instance, topic) (kafka_topic_partition_under_replicated_partition) > 0'")
                .contains("expr: 'nexusai_kafka_partitions_offline > 0'").contains("expr: 'pg_replication_lag_seconds > 30'");
    }

    @Test
    void theShippedFileIsTheRendering() throws Exception {
        assertThat(Files.readString(SHIPPED, StandardCharsets.UTF_8))
                .as("regenerate: java -cp app-core/target/classes:... com.nexusai.core.alerts.PrometheusRules " + SHIPPED)
                .isEqualTo(PrometheusRules.render(AlertRules.shipped()));
    }

    @Test
    void promtoolAcceptsThem(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("alerting_rules.yml");
        Files.writeString(rules, PrometheusRules.render(AlertRules.shipped()));
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "rules", rules.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("promtool is needed to check the rendered rules: apt-get install prometheus (.ci/run does)", e);
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 11 rules found");
    }
}
