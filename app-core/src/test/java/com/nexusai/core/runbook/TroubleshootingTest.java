package com.nexusai.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nexusai.core.alerts.AlertRules;
import com.nexusai.core.dashboard.Dashboard;
import org.junit.jupiter.api.Test;

class TroubleshootingTest {

    private final Troubleshooting table = new Troubleshooting(AlertRules.shipped());

    private static Dashboard dashboard(double heapUsed, double active, double pending, double p95, double lag) {
        return new Dashboard("app1:8080", Instant.parse("2026-11-24T10:00:00Z"),
                new Dashboard.Jvm(heapUsed, 1000, 1000, 50, 40, Map.of("G1 Young Generation", new double[] {12, 0.8})),
                new Dashboard.Http(20, 0, p95), new Dashboard.Pool(active, 10 - active, pending, 10),
                new Dashboard.DatabaseReplica(Double.NaN, Double.NaN, Double.NaN),
                List.of(new Dashboard.Lag("nexusai-audit", "nexusai.events", "0", lag)), new Dashboard.KafkaReplication(List.of(), 0, 0),
                new Dashboard.Redis("master", List.of()),
                new Dashboard.Host(0.2, 0.3, 0.4));
    }

    private String showing(String id, Troubleshooting.Instance instance) {
        return table.showing(Troubleshooting.GUIDE.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(), instance).orElse(null);
    }

    @Test
    void aHealthyInstanceShowsNoSymptom() {
        Troubleshooting.Instance healthy = new Troubleshooting.Instance("app1:8080", dashboard(400, 2, 0, 0.05, 3), null);
        assertThat(Troubleshooting.GUIDE).allSatisfy(problem -> assertThat(table.showing(problem, healthy)).isEmpty());
    }

    @Test
    void eachSymptomLightsUpAtTheSharedRulesThresholdsWithItsEvidence() {
        Troubleshooting.Instance sick = new Troubleshooting.Instance("app1:8080", dashboard(930, 9, 2, 2.4, 12_000), null);
        assertThat(showing("oom", sick)).isEqualTo("heap 93 % of its maximum");
        assertThat(showing("pool", sick)).isEqualTo("9 of 10 connections active, 2 waiting");
        assertThat(showing("latency", sick)).startsWith("p95 2.40 s; GC G1 Young Generation 12 pauses 0.80 s");
        assertThat(showing("kafka-lag", sick)).isEqualTo("nexusai-audit on nexusai.events/0 is 12000 records behind");
        assertThat(showing("bad-gateway", sick)).isNull();
        // just under the rules' thresholds (heap 0.9, pool 0.9, p95 2 s, lag 10000): nothing
        Troubleshooting.Instance under = new Troubleshooting.Instance("app1:8080", dashboard(899, 8, 0, 2.0, 10_000), null);
        assertThat(Troubleshooting.GUIDE).allSatisfy(problem -> assertThat(table.showing(problem, under)).isEmpty());
    }

    @Test
    void anInstanceThatDoesNotAnswerIsThe502Row() {
        Troubleshooting.Instance down = new Troubleshooting.Instance("app2:8080", dashboard(930, 9, 2, 2.4, 12_000), "connection refused");
        assertThat(showing("bad-gateway", down)).isEqualTo("does not answer: connection refused");
        assertThat(showing("oom", down)).as("old figures of a silent instance are not evidence").isNull();
    }

    @Test
    void speaksTheGuidesFrenchAndEnglish() {
        Troubleshooting.Problem oom = Troubleshooting.GUIDE.getFirst();
        assertThat(oom.symptom(Locale.FRENCH)).isEqualTo("OOM Errors");
        assertThat(oom.cause(Locale.FRENCH)).isEqualTo("Heap trop petite");
        assertThat(oom.cause(Locale.ENGLISH)).isEqualTo("Heap too small");
        assertThat(Troubleshooting.GUIDE).extracting(Troubleshooting.Problem::symptomFr)
                .containsExactly("OOM Errors", "Connexions DB épuisées", "Latence élevée", "Kafka lag", "502 Bad Gateway");
    }
}
