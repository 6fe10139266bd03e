package com.nexusai.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nexusai.server.maintenance.MaintenanceCalendar;
import org.junit.jupiter.api.Test;

class AlertSilencesTest {

    static final Instant NOW = Instant.parse("2026-12-06T02:30:00Z");
    static final Map<String, String> APP1 = Map.of("instance", "app1:8080");

    static AlertSilences.Silence silence(String rule, String instance, Instant until) {
        return new AlertSilences.Silence(UUID.randomUUID(), rule, instance, until, "load test", "dora", NOW);
    }

    static final MaintenanceCalendar.OpenWindow BACKUP = new MaintenanceCalendar.OpenWindow("backup", NOW.minusSeconds(1800),
            NOW.plusSeconds(5400), Set.of("HighCpuUsage", "HighLatency"));

    @Test
    void aSilenceCoversItsRuleOnItsInstanceOrOnEveryInstance() {
        var onApp1 = silence("HighLatency", "app1:8080", NOW.plusSeconds(600));
        assertThat(AlertSilences.of("HighLatency", APP1, List.of(onApp1), List.of())).get().extracting(AlertSilences.Silenced::id)
                .isEqualTo(onApp1.id().toString());
        assertThat(AlertSilences.of("HighLatency", Map.of("instance", "app2:8080"), List.of(onApp1), List.of())).isEmpty();
        assertThat(AlertSilences.of("KafkaLag", APP1, List.of(onApp1), List.of())).isEmpty();
        var everywhere = silence("KafkaLag", null, NOW.plusSeconds(600));
        assertThat(AlertSilences.of("KafkaLag", Map.of("instance", "app2:8080"), List.of(everywhere), List.of())).isPresent();
    }

    @Test
    void aMaintenanceWindowSilencesTheRulesItsJobNamesAndSaysSo() {
        var silenced = AlertSilences.of("HighCpuUsage", APP1, List.of(), List.of(BACKUP)).orElseThrow();
        assertThat(silenced.kind()).isEqualTo("maintenance");
        assertThat(silenced.id()).isEqualTo("backup");
        assertThat(silenced.until()).isEqualTo(BACKUP.end());
        assertThat(AlertSilences.of("DatabaseConnectionExhausted", APP1, List.of(), List.of(BACKUP))).as("not named by the backup").isEmpty();
    }

    @Test
    void whenBothCoverTheOneEndingLastIsShown() {
        var longer = silence("HighCpuUsage", null, BACKUP.end().plusSeconds(60));
        assertThat(AlertSilences.of("HighCpuUsage", APP1, List.of(longer), List.of(BACKUP)).orElseThrow().kind()).isEqualTo("silence");
        var shorter = silence("HighCpuUsage", null, BACKUP.end().minusSeconds(60));
        assertThat(AlertSilences.of("HighCpuUsage", APP1, List.of(shorter), List.of(BACKUP)).orElseThrow().kind()).isEqualTo("maintenance");
    }
}
