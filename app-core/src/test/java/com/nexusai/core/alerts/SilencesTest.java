package com.nexusai.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nexusai.core.testing.ManualClock;
import org.junit.jupiter.api.Test;

class SilencesTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Silences silences = new Silences(clock);

    private static AlertEngine.Alert alert(String name, String instance) {
        return new AlertEngine.Alert(name, "warning", "summary", Map.of("instance", instance), 1, AlertEngine.State.FIRING,
                Instant.parse("2026-11-24T09:00:00Z"));
    }

    @Test
    void coversItsAlertOnItsInstanceUntilItExpires() {
        Silences.Silence silence = silences.add("KafkaLag", "app1:8080", Duration.ofHours(1), "replaying the audit topic", "ops");
        assertThat(silences.covering(alert("KafkaLag", "app1:8080"))).hasValue(silence);
        assertThat(silences.covering(alert("KafkaLag", "app2:8080"))).isEmpty();
        assertThat(silences.covering(alert("HighLatency", "app1:8080"))).isEmpty();
        clock.advance(Duration.ofMinutes(59));
        assertThat(silences.covering(alert("KafkaLag", "app1:8080"))).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(silences.covering(alert("KafkaLag", "app1:8080"))).isEmpty();
        assertThat(silences.active()).isEmpty();
    }

    @Test
    void anEmptyInstanceCoversTheFleetAndANewSilenceReplacesTheOld() {
        silences.add("HighLatency", "", Duration.ofMinutes(30), "load test", "ops");
        assertThat(silences.covering(alert("HighLatency", "app3:8080"))).isPresent();
        silences.add("HighLatency", "", Duration.ofHours(2), "longer load test", "ops");
        assertThat(silences.active()).singleElement().extracting(Silences.Silence::reason).isEqualTo("longer load test");
        silences.remove(silences.active().getFirst());
        assertThat(silences.covering(alert("HighLatency", "app3:8080"))).isEmpty();
    }

    @Test
    void refusesASilenceWithoutAReasonOrTooLong() {
        assertThatThrownBy(() -> silences.add("KafkaLag", "", Duration.ofHours(1), " ", "ops")).hasMessageContaining("reason");
        assertThatThrownBy(() -> silences.add("KafkaLag", "", Duration.ofDays(8), "r", "ops")).hasMessageContaining("7 days");
        assertThatThrownBy(() -> silences.add("KafkaLag", "", Duration.ZERO, "r", "ops")).hasMessageContaining("7 days");
    }
}
