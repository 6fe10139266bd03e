package com.nexusai.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import com.nexusai.core.alerts.AlertTransition;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert history read again at each filter's change, narrowed as the user says, in the user's language. */
class AlertHistoryViewModelTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    final FakeAlertsApi alerts = new FakeAlertsApi();
    AlertHistoryViewModel model;

    static AlertTransition transition(String rule, String instance, String state, double value, Instant at) {
        return new AlertTransition("e-" + rule, rule, "app1:8443", Map.of("instance", instance), "critical", state, value, at);
    }

    @BeforeEach
    void build() {
        alerts.transitions = List.of(transition("BackupTooOld", "app1:8443", "firing", 97_200, T0.minusSeconds(600)),
                transition("HighLatency", "app2:8443", "pending", 2.5, T0.minusSeconds(3600)));
        model = new AlertHistoryViewModel(ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.FRENCH), alerts,
                new CurrentThreadTaskExecutor(), Clock.fixed(T0, ZoneOffset.UTC), ZoneOffset.UTC, List.of("HighLatency", "BackupTooOld"),
                List.of("app2:8443", "app1:8443"));
    }

    @Test
    void theFiltersNarrowTheServersHistoryAndEachChangeReadsItAgain() {
        model.load();
        assertThat(model.rows()).hasSize(2);
        assertThat(alerts.historyQueries).containsExactly("2026-11-30T10:00:00Z 2026-12-01T10:00:00Z null null");
        assertThat(model.statusProperty().get()).isEqualTo("2 changement(s) d’état depuis le 30/11 10:00:00");

        model.ruleProperty().set("HighLatency");
        assertThat(model.rows()).extracting(AlertTransition::rule).containsExactly("HighLatency");
        model.instanceProperty().set("app1:8443");
        assertThat(model.rows()).isEmpty();
        model.spanProperty().set(ChartRange.WEEK);
        assertThat(alerts.historyQueries).last().isEqualTo("2026-11-24T10:00:00Z 2026-12-01T10:00:00Z HighLatency app1:8443");
        model.ruleProperty().set(AlertHistoryViewModel.EVERY);
        assertThat(model.rows()).extracting(AlertTransition::rule).containsExactly("BackupTooOld");
    }

    @Test
    void theChoicesAndTheRowsSpeakTheUsersLanguage() {
        assertThat(model.rules()).containsExactly(AlertHistoryViewModel.EVERY, "BackupTooOld", "HighLatency");
        assertThat(model.choiceName(AlertHistoryViewModel.EVERY, "history.everyRule")).isEqualTo("toutes les règles");
        AlertTransition firing = alerts.transitions.getFirst();
        assertThat(model.stateOf(firing)).isEqualTo("déclenchée");
        assertThat(model.instanceOf(firing)).isEqualTo("app1:8443");
        assertThat(model.valueOf(firing)).isEqualTo("97200");
        assertThat(model.when(firing.at())).isEqualTo("01/12 09:50:00");
    }

    @Test
    void aRefusalIsSaidAndTheRowsStay() {
        model.load();
        alerts.refusal = new IOException("Connexion refusée");
        model.ruleProperty().set("HighLatency");
        assertThat(model.rows()).hasSize(2);
        assertThat(model.statusProperty().get()).isEqualTo("L’historique n’a pas pu être lu : Connexion refusée");
    }
}
