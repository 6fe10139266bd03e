package com.nexusai.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.SharedSilence;
import com.nexusai.core.api.Grants;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's behaviour without a window: two hand-fed instances, the current-thread executor, scripted dialogs. */
class DashboardViewModelTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    final ResourceBundle text = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH);
    final FakeFeed app1 = new FakeFeed("app1:8443");
    final FakeFeed app2 = new FakeFeed("app2:8443");
    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final ScriptedDialogs dialogs = new ScriptedDialogs();
    DashboardViewModel model;

    /** Answers as the test says; records the notifications. */
    static final class ScriptedDialogs implements DashboardViewModel.Dialogs {
        boolean confirm;
        final Deque<Optional<DashboardViewModel.SilenceRequest>> silenceAnswers = new ArrayDeque<>();
        final Deque<Optional<String>> acknowledgements = new ArrayDeque<>();
        final List<String> fired = new ArrayList<>();
        final List<String> summaries = new ArrayList<>();

        int backupQuestions;

        @Override
        public boolean confirmBackup() {
            backupQuestions++;
            return confirm;
        }

        @Override
        public Optional<DashboardViewModel.SilenceRequest> askSilence(AlertEngine.Alert alert) {
            return silenceAnswers.removeFirst();
        }

        @Override
        public Optional<String> askAcknowledgement(AlertEngine.Alert alert) {
            return acknowledgements.removeFirst();
        }

        @Override
        public void alertFired(AlertEngine.Alert alert, String summary) {
            fired.add(alert.name() + "@" + alert.labels().get("instance"));
            summaries.add(summary);
        }
    }

    static AlertEngine.Alert alert(String name, String instance, double value, AlertEngine.State state) {
        return new AlertEngine.Alert(name, "critical", name + " summary", Map.of("instance", instance), value, state, T0);
    }

    @BeforeEach
    void build() {
        model = new DashboardViewModel(text, List.of(app1, app2), new CurrentThreadTaskExecutor(), clock, Grants.everything(), dialogs, ZoneOffset.UTC);
    }

    @Test
    void staleAfterSeveralFailedScrapesAndFreshAgainAfterOneThatAnswers() {
        app1.scraped(T0);
        assertThat(model.staleProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo(text.getString("status.updated") + " 10:00:00");
        app1.failed(T0.plusSeconds(1), "Connection refused").failed(T0.plusSeconds(3), "Connection refused").failed(T0.plusSeconds(7), "Connection refused");
        assertThat(model.staleProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).startsWith("Stale since 10:00:01 (Connection refused)");
        assertThat(model.stateProperty().get().latest().at()).as("the last data stays on the panels").isEqualTo(T0);
        app1.scraped(T0.plusSeconds(15));
        assertThat(model.staleProperty().get()).as("one answer after several failures: fresh again").isFalse();
        assertThat(model.statusProperty().get()).isEqualTo(text.getString("status.updated") + " 10:00:15");
        assertThat(model.fleetProperty().get()).isEqualTo("app1:8443: OK   app2:8443: ...");
    }

    @Test
    void anotherInstancesScrapesChangeTheFleetLineNotThePanels() {
        app1.scraped(T0);
        Monitor.State shown = model.stateProperty().get();
        app2.failed(T0.plusSeconds(1), "timeout");
        assertThat(model.stateProperty().get()).isSameAs(shown);
        assertThat(model.fleetProperty().get()).isEqualTo("app1:8443: OK   app2:8443: down");
        model.selectedProperty().set(app2);
        assertThat(model.staleProperty().get()).isTrue();
        assertThat(model.stateProperty().get()).isSameAs(app2.state());
    }

    @Test
    void everyInstancesAlertsAndTheChosenOneSurvivesARefreshWithItsNewValue() {
        app1.scraped(T0, alert("HighHeap", "app1:8443", 0.91, AlertEngine.State.PENDING));
        app2.scraped(T0, alert("KafkaLag", "app2:8443", 12000, AlertEngine.State.PENDING));
        assertThat(model.alerts()).extracting(AlertEngine.Alert::name).containsExactly("HighHeap", "KafkaLag");
        model.selectedAlertProperty().set(model.alerts().get(1));
        app2.scraped(T0.plusSeconds(1), alert("KafkaLag", "app2:8443", 15000, AlertEngine.State.PENDING));
        assertThat(model.selectedAlertProperty().get().value()).isEqualTo(15000);
        app2.scraped(T0.plusSeconds(2));
        assertThat(model.selectedAlertProperty().get()).as("resolved: nothing chosen").isNull();
        assertThat(model.alertChosen().get()).isFalse();
    }

    @Test
    void aFiringAlertIsNotifiedOnceWhileItStaysAndNotWhenSilenced() {
        app1.scraped(T0, alert("HighHeap", "app1:8443", 0.91, AlertEngine.State.PENDING));
        assertThat(dialogs.fired).isEmpty();
        app1.scraped(T0.plusSeconds(1), alert("HighHeap", "app1:8443", 0.93, AlertEngine.State.FIRING));
        app1.scraped(T0.plusSeconds(2), alert("HighHeap", "app1:8443", 0.95, AlertEngine.State.FIRING));
        assertThat(dialogs.fired).containsExactly("HighHeap@app1:8443");
        app1.scraped(T0.plusSeconds(3));
        app1.silencesRead(new SharedSilence("s-7", "HighHeap", null, T0.plus(Duration.ofHours(1)), "load test", "dora", T0));
        app1.scraped(T0.plusSeconds(4), alert("HighHeap", "app1:8443", 0.95, AlertEngine.State.FIRING));
        assertThat(dialogs.fired).as("fired again, but silenced").containsExactly("HighHeap@app1:8443");
    }

    @Test
    void anIncidentOpensOnTheInstanceTheAlertComesFrom() {
        app1.scraped(T0);
        app2.scraped(T0, alert("KafkaLag", "app2:8443", 12000, AlertEngine.State.FIRING));
        model.selectedAlertProperty().set(model.alerts().getFirst());
        model.openIncident();
        assertThat(app1.incidents.opened).isEmpty();
        assertThat(app2.incidents.opened).singleElement().satisfies(incident -> {
            assertThat(incident.title()).isEqualTo("KafkaLag: KafkaLag summary");
            assertThat(incident.severity()).isEqualTo("critical");
            assertThat(incident.source()).isEqualTo("alert:KafkaLag{instance=app2:8443}");
        });
        assertThat(model.statusProperty().get()).isEqualTo(text.getString("alerts.incidentOpened") + " i-1");
        app2.incidents.refusal = FakeFeed.refused(403, "SUPPORT may not open incidents");
        model.openIncident();
        assertThat(model.statusProperty().get()).endsWith("SUPPORT may not open incidents");
    }

    @Test
    void aSilenceNeedsAReasonAndCanBeLifted() {
        app1.scraped(T0, alert("HighHeap", "app1:8443", 0.93, AlertEngine.State.FIRING));
        model.selectedAlertProperty().set(model.alerts().getFirst());
        dialogs.silenceAnswers.add(Optional.empty());
        dialogs.silenceAnswers.add(Optional.of(new DashboardViewModel.SilenceRequest(Duration.ofHours(1), false, "  ")));
        model.silenceChosenAlert();
        model.silenceChosenAlert();
        assertThat(model.silenceToLift().get()).as("cancelled, then no reason").isFalse();
        dialogs.silenceAnswers.add(Optional.of(new DashboardViewModel.SilenceRequest(Duration.ofHours(1), false, "load test on app1")));
        model.silenceChosenAlert();
        assertThat(model.silenceToLift().get()).isTrue();
        assertThat(model.silenceOf(model.alerts().getFirst())).isEqualTo("until 11:00:00: load test on app1");
        assertThat(app1.alerts.set).singleElement().satisfies(silence -> {
            assertThat(silence.rule()).isEqualTo("HighHeap");
            assertThat(silence.instance()).isEqualTo("app1:8443");
            assertThat(silence.until()).isEqualTo(T0.plus(Duration.ofHours(1)));
        });
        assertThat(model.covering(alert("HighHeap", "app2:8443", 1, AlertEngine.State.FIRING))).as("this instance only").isEmpty();
        app1.scraped(T0.plusSeconds(1), alert("HighHeap", "app1:8443", 0.93, AlertEngine.State.FIRING));
        assertThat(model.silenceToLift().get()).as("kept while the servers do not list it yet").isTrue();
        model.liftSilence();
        assertThat(app1.alerts.lifted).containsExactly("s-1");
        assertThat(model.silenceToLift().get()).isFalse();
        assertThat(model.silenceOf(model.alerts().getFirst())).isEmpty();
        app1.silencesRead(app1.alerts.set.getFirst()); // a scrape from before the lift still lists it
        assertThat(model.silenceToLift().get()).as("lifted here: it stays lifted").isFalse();
    }

    @Test
    void aSilenceSetInAnotherConsoleIsSeenAtTheNextScrapeAndARefusalIsSaid() {
        app1.scraped(T0, alert("HighHeap", "app1:8443", 0.93, AlertEngine.State.FIRING));
        model.selectedAlertProperty().set(model.alerts().getFirst());
        assertThat(model.silenceToLift().get()).isFalse();
        app2.silencesRead(new SharedSilence("s-9", "HighHeap", null, T0.plus(Duration.ofMinutes(30)), "deploying", "dora", T0));
        assertThat(model.silenceToLift().get()).as("every instance: app2's feed says so for the fleet").isTrue();
        assertThat(model.silenceOf(model.alerts().getFirst())).isEqualTo("until 10:30:00: deploying");
        app2.silencesRead();
        assertThat(model.silenceToLift().get()).as("lifted elsewhere").isFalse();

        app1.alerts.refusal = FakeFeed.refused(403, "Your role does not allow this operation");
        dialogs.silenceAnswers.add(Optional.of(new DashboardViewModel.SilenceRequest(Duration.ofHours(1), true, "load test")));
        model.silenceChosenAlert();
        assertThat(model.statusProperty().get()).isEqualTo(text.getString("alerts.silenceFailed") + " Your role does not allow this operation");
        assertThat(model.silenceToLift().get()).isFalse();
    }

    @Test
    void aBackupRunsOnTheSelectedInstanceOnlyOnceConfirmed() {
        app1.scraped(T0);
        model.selectedProperty().set(app2);
        dialogs.confirm = false;
        model.runBackup();
        assertThat(app2.backupsStarted).isEmpty();
        dialogs.confirm = true;
        model.runBackup();
        assertThat(app2.backupsStarted).containsExactly("all");
        assertThat(app2.backupRefreshes).as("its progress is read at the next scrape").isEqualTo(1);
        assertThat(app1.backupsStarted).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo(text.getString("backups.started.now"));
        app2.refusal = FakeFeed.refused(403, "Forbidden");
        model.runBackup();
        assertThat(model.statusProperty().get()).isEqualTo(text.getString("backups.failed") + " Forbidden");
        Monitor.State withoutRights = new Monitor.State(null, List.of(), List.of(), null, null, List.of(), Monitor.NEEDS_ADMIN, null, List.of(), ChartHistory.NONE, List.of());
        assertThat(model.backupsNote(withoutRights)).isEqualTo(text.getString("backups.needsAdmin"));
    }

    @Test
    void devopsIsNotOfferedABackup() {
        DashboardViewModel devops = new DashboardViewModel(text, List.of(app1, app2), new CurrentThreadTaskExecutor(), clock,
                new Grants(java.util.Set.of("DEVOPS")), dialogs, ZoneOffset.UTC);
        app1.scraped(T0, alert("HighHeap", "app1:8443", 0.93, AlertEngine.State.FIRING));
        dialogs.confirm = true;
        devops.runBackup();
        assertThat(dialogs.backupQuestions).as("not even asked").isZero();
        assertThat(app1.backupsStarted).isEmpty();
        devops.selectedAlertProperty().set(devops.alerts().getFirst());
        devops.openIncident();
        assertThat(app1.incidents.opened).as("DevOps handles incidents").hasSize(1);
    }

    @Test
    void supportSeesTheServersOwnAlertsAndIsToldWhyThereAreNoCharts() {
        DashboardViewModel support = new DashboardViewModel(text, List.of(app1, app2), new CurrentThreadTaskExecutor(), clock,
                new Grants(java.util.Set.of("SUPPORT")), dialogs, ZoneOffset.UTC);
        assertThat(support.metricsReadable()).isFalse();
        assertThat(support.metricsNote()).startsWith(text.getString("panels.hidden")).contains("DEVOPS", "ADMIN", "SUPPORT").endsWith(text.getString("alerts.fromServer"));
        assertThat(model.metricsReadable()).isTrue();
        assertThat(model.metricsNote()).isEmpty();

        app1.alertsRead(T0.plusSeconds(5), alert("DatabaseConnectionExhausted", "app1:8443", 0.95, AlertEngine.State.FIRING));
        assertThat(support.alerts()).extracting(AlertEngine.Alert::name).containsExactly("DatabaseConnectionExhausted");
        assertThat(support.staleProperty().get()).isFalse();
        assertThat(support.statusProperty().get()).isEqualTo(String.format(text.getString("status.alertsOnly"), "10:00:05"));
        assertThat(support.fleetProperty().get()).startsWith("app1:8443: OK");
        assertThat(support.panels(support.stateProperty().get())).as("nothing to draw").isNull();
        assertThat(dialogs.fired).as("a firing alert is announced to support too").hasSize(1);

        support.selectedAlertProperty().set(support.alerts().getFirst());
        support.openIncident();
        assertThat(app1.incidents.opened).as("support opens the incident from it").hasSize(1);

        app1.failed(T0.plusSeconds(10), "Connection refused");
        assertThat(support.staleProperty().get()).isTrue();
        assertThat(support.alerts()).as("the last alerts stay while the server is away").hasSize(1);
    }

    @Test
    void aFiringAlertIsAnnouncedWithItsRulesWordsInTheUsersLanguage() {
        ResourceBundle french = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.FRENCH);
        DashboardViewModel inFrench = new DashboardViewModel(french, List.of(app1, app2), new CurrentThreadTaskExecutor(), clock,
                Grants.everything(), dialogs, ZoneOffset.UTC);
        app1.scraped(T0, new AlertEngine.Alert("DatabaseConnectionExhausted", "critical", "Database connection pool nearly exhausted",
                java.util.Map.of("instance", "app1:8443"), 0.95, AlertEngine.State.FIRING, T0));
        assertThat(dialogs.summaries).containsExactly("Pool de connexions à la base presque épuisé");
        assertThat(model.summaryOf(inFrench.alerts().getFirst())).as("English: the rule file's own words")
                .isEqualTo("Database connection pool nearly exhausted");
        assertThat(inFrench.summaryOf(alert("SomeNewRule", "app1:8443", 1, AlertEngine.State.FIRING))).as("a rule this console does not know")
                .isEqualTo(alert("SomeNewRule", "app1:8443", 1, AlertEngine.State.FIRING).summary());
    }

    @Test
    void everyShippedRuleIsSummarizedInFrench() {
        ResourceBundle french = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.FRENCH);
        assertThat(com.nexusai.core.alerts.AlertRules.shipped().rules()).allSatisfy(rule ->
                assertThat(french.containsKey("alerts.summary." + rule.alert())).as(rule.alert()).isTrue());
    }

    @Test
    void everyFeedIsAskedForTheChosenRangeAndAWeekShowsTheDayOnTheAxis() {
        FakeFeed one = new FakeFeed("app1:8443");
        FakeFeed two = new FakeFeed("app2:8443");
        DashboardViewModel model = new DashboardViewModel(text, List.of(one, two), new CurrentThreadTaskExecutor(), Clock.fixed(T0, ZoneOffset.UTC),
                Grants.everything(), new ScriptedDialogs(), ZoneOffset.UTC);
        assertThat(one.ranges).containsExactly(ChartRange.DAY);
        model.rangeProperty().set(ChartRange.WEEK);
        assertThat(one.ranges).containsExactly(ChartRange.DAY, ChartRange.WEEK);
        assertThat(two.ranges).containsExactly(ChartRange.DAY, ChartRange.WEEK);
        assertThat(model.axisTime(T0)).isEqualTo("Tue 10:00");
        model.rangeProperty().set(ChartRange.HOUR);
        assertThat(model.axisTime(T0)).isEqualTo("10:00");
        assertThat(model.rangeName(ChartRange.SIX_HOURS)).isEqualTo("6 hours");
    }

    @Test
    void aRecordedAlertIsTakenWithACommentAndAMaintenanceWindowShowsAsWhatSilencesAnother() {
        AlertEngine.Alert latency = alert("HighLatency", "app1:8443", 3, AlertEngine.State.FIRING);
        AlertEngine.Alert backup = alert("BackupTooOld", "app1:8443", 100_000, AlertEngine.State.FIRING);
        com.nexusai.core.alerts.FleetAlert recordedLatency = new com.nexusai.core.alerts.FleetAlert("e-1", latency, T0, null, null);
        com.nexusai.core.alerts.FleetAlert recordedBackup = new com.nexusai.core.alerts.FleetAlert("e-2", backup, T0, null,
                new com.nexusai.core.alerts.FleetAlert.Silenced("maintenance", "backup", T0.plus(Duration.ofMinutes(30)), "Backup window", "calendar"));
        app1.alerts.known.put("e-1", recordedLatency);
        app1.scraped(T0);
        app1.recorded(recordedLatency, recordedBackup);

        assertThat(model.silenceOf(backup)).isEqualTo("maintenance backup until 10:30:00");
        assertThat(dialogs.fired).as("the window keeps it quiet").containsExactly("HighLatency@app1:8443");
        model.selectedAlertProperty().set(backup);
        assertThat(model.acknowledgeable().get()).isTrue();
        model.selectedAlertProperty().set(latency);
        assertThat(model.acknowledgeable().get()).isTrue();

        dialogs.acknowledgements.add(Optional.of("  restarting app2 "));
        model.acknowledgeChosenAlert();
        assertThat(app1.alerts.acknowledged).containsExactly("e-1: restarting app2");
        assertThat(model.takenOf(latency)).isEqualTo("admin: restarting app2");
        assertThat(model.acknowledgeable().get()).as("taken once").isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("HighLatency taken: restarting app2");

        dialogs.acknowledgements.add(Optional.empty());
        model.selectedAlertProperty().set(backup);
        model.acknowledgeChosenAlert();
        assertThat(app1.alerts.acknowledged).as("cancelled").hasSize(1);
    }

    @Test
    void anAlertOfTheConsolesOwnRulesHasNoRecordToTake() {
        AlertEngine.Alert own = alert("HighCpuUsage", "app1:8443", 0.9, AlertEngine.State.FIRING);
        app1.scraped(T0, own);
        model.selectedAlertProperty().set(own);
        assertThat(model.acknowledgeable().get()).isFalse();
        model.acknowledgeChosenAlert();
        assertThat(dialogs.acknowledgements).isEmpty();
        assertThat(app1.alerts.acknowledged).isEmpty();
    }
}
