package com.nexusai.desktop.troubleshooting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nexusai.core.alerts.AlertRules;
import com.nexusai.core.runbook.Troubleshooting;
import com.nexusai.desktop.dashboard.FakeFeed;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** The §6.1 table's live rows from two hand-fed instances; the periodic re-read is a tick of the test's executor. */
class TroubleshootingViewModelTest {

    final FakeFeed app1 = new FakeFeed("app1:8443");
    final FakeFeed app2 = new FakeFeed("app2:8443");
    final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
    final List<String> opened = new ArrayList<>();
    final TroubleshootingViewModel model = new TroubleshootingViewModel(List.of(app1, app2), new Troubleshooting(AlertRules.shipped()), tasks,
            (view, instance) -> opened.add(view + " " + (instance == null ? "-" : instance.instance())));

    private TroubleshootingViewModel.Row row(String id) {
        return model.rows().stream().filter(r -> r.problem().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anInstanceThatStopsAnsweringLightsThe502RowAtTheNextTickAndItOpensDiagnosticsThere() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        app1.scraped(now);
        app2.failed(now, "Connection refused");
        assertThat(row("bad-gateway").lit()).as("not read again before the tick").isFalse();
        tasks.tick();
        assertThat(row("bad-gateway").evidence()).singleElement().asString().startsWith("app2:8443: does not answer");
        assertThat(model.rows()).filteredOn(r -> !r.problem().id().equals("bad-gateway")).noneMatch(TroubleshootingViewModel.Row::lit);
        model.selectedProperty().set(row("bad-gateway"));
        app2.scraped(now.plusSeconds(5));
        tasks.tick();
        assertThat(model.selectedProperty().get().problem().id()).as("the choice survives the re-read").isEqualTo("bad-gateway");
        assertThat(row("bad-gateway").lit()).isFalse();
        app2.failed(now.plusSeconds(6), "timeout");
        tasks.tick();
        model.openChosen();
        assertThat(opened).containsExactly(row("bad-gateway").problem().view() + " app2:8443");
        model.close();
        app2.scraped(now.plusSeconds(7));
        tasks.tick();
        assertThat(row("bad-gateway").lit()).as("closed: no more re-reads").isTrue();
    }
}
