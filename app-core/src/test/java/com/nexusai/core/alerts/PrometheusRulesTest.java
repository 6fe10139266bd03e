package com.nexusai.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered rules: the errata's corrected expressions, the shipped file in step, and promtool's approval. */
class PrometheusRulesTest {

    /** The file the server's deployment ships (issue 9 installs it beside prometheus.yml). */
    static final Path SHIPPED = Path.of("..", "installers", "server", "prometheus", "alerting_rules.yml");
    /** promtool's unit tests of those rules, shipped beside them. */
    static final Path TESTS = SHIPPED.resolveSibling("alerting_rules_test.yml");

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
        assertThat(yaml).contains("expr: 'up < 1'").contains("expr: 'pg_up < 1'")
                .contains("expr: 'time() - nexusai_backup_last_success_timestamp_seconds > 93600'")
                .contains("expr: 'nexusai_tls_certificate_expiry_timestamp_seconds - time() < 1209600'")
                .contains("expr: 'predict_linear(disk_free_bytes[6h], 86400) < 0'");
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
        assertThat(output).contains("SUCCESS: " + AlertRules.shipped().rules().size() + " rules found");
    }

    @Test
    void theRenderedRulesFireAndStayQuietAsTheirPromtoolCasesSay(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("alerting_rules.yml"), PrometheusRules.render(AlertRules.shipped()));
        Files.copy(TESTS, tmp.resolve("alerting_rules_test.yml"));
        String output = promtool(tmp, "test", "rules", "alerting_rules_test.yml");
        assertThat(output).contains("SUCCESS");
    }

    /** promtool passes a rule with no case at all: every rule needs one case where it fires and one where it does not. */
    @Test
    void everyRuleHasAFiringAndAQuietCase() throws Exception {
        Map<String, Set<Boolean>> cases = new java.util.HashMap<>();
        List<String> lines = Files.readAllLines(TESTS, StandardCharsets.UTF_8).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("alertname: ")) {
                boolean quiet = lines.get(i + 1).equals("exp_alerts: []");
                cases.computeIfAbsent(lines.get(i).substring("alertname: ".length()), ignored -> new java.util.HashSet<>()).add(!quiet);
            }
        }
        for (AlertRule rule : AlertRules.shipped().rules()) {
            assertThat(cases.get(rule.alert())).as(rule.alert() + " in " + TESTS).containsExactlyInAnyOrder(true, false);
        }
    }

    private static String promtool(Path directory, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process promtool;
        try {
            promtool = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("promtool is needed to check the rendered rules: apt-get install prometheus (.ci/run does)", e);
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(output).isZero();
        return output;
    }
}
