package com.nexusai.desktop.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.AlertsApi;
import com.nexusai.core.alerts.FleetAlert;
import com.nexusai.core.alerts.SharedSilence;
import com.nexusai.core.api.Grants;
import com.nexusai.core.api.Permission;
import com.nexusai.core.incidents.NewIncident;
import com.nexusai.desktop.platform.DirtyBits;
import com.nexusai.desktop.platform.RoleGuard;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the dashboard shows and does, without a control in sight: the instances and the one selected, its latest
 * {@link Monitor.State} (at most once per pulse, however fast the scrapes come), whether its data is stale and the
 * status line, every instance's alerts with the silences over them, and the commands of the panels (open an incident
 * from an alert, silence it or lift the silence, run a backup). Questions to the user go through {@link Dialogs}.
 */
public final class DashboardViewModel {

    /** What the dashboard asks or tells the user; a dialog in the console, a script in tests. */
    public interface Dialogs {

        boolean confirmBackup();

        /** How long to silence {@code alert}, where, and why; empty when the user cancelled. */
        Optional<SilenceRequest> askSilence(AlertEngine.Alert alert);

        /**
         * {@code alert} started firing and no silence covers it (once per alert and series while it stays active).
         * @param summary what its rule says, in the user's language
         */
        void alertFired(AlertEngine.Alert alert, String summary);

        /** What is being done about {@code alert}, to take it; empty when the user cancelled. */
        Optional<String> askAcknowledgement(AlertEngine.Alert alert);
    }

    /** @param everywhere on every instance, not only the alert's */
    public record SilenceRequest(Duration duration, boolean everywhere, String reason) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int SELECTED_CHANGED = 1;
    private static final int OTHERS_CHANGED = 2;

    private final ResourceBundle text;
    private final TaskExecutor tasks;
    private final Clock clock;
    /** The silences the servers keep for every console, as the feeds last read them, with this console's own changes on top. */
    private List<SharedSilence> silences = List.of();
    private final Map<String, SharedSilence> addedHere = new LinkedHashMap<>();
    /** Lifted here, by id, with their end: a scrape from before the lift may still list one until then. */
    private final Map<String, Instant> liftedHere = new HashMap<>();
    private final Grants grants;
    private final Dialogs dialogs;
    private final ZoneId zone;
    private final List<InstanceFeed> instances;
    private final ObjectProperty<InstanceFeed> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Monitor.State> state = new ReadOnlyObjectWrapper<>(Monitor.State.EMPTY);
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper fleet = new ReadOnlyStringWrapper("");
    private final ObservableList<AlertEngine.Alert> alerts = FXCollections.observableArrayList();
    private final ObjectProperty<AlertEngine.Alert> selectedAlert = new SimpleObjectProperty<>();
    /** Bumped when a silence is added or lifted, so that what depends on the silences is computed again. */
    private final ReadOnlyObjectWrapper<Integer> silenceVersion = new ReadOnlyObjectWrapper<>(0);
    private final BooleanBinding alertChosen = selectedAlert.isNotNull();
    private final BooleanBinding silenceToLift;
    private final BooleanBinding acknowledgeable;
    private final ReadOnlyObjectWrapper<Integer> recordedVersion = new ReadOnlyObjectWrapper<>(0);
    private List<FleetAlert> recorded = List.of();
    private final Set<String> notified = new HashSet<>();
    private final DirtyBits redraws;
    private final ObjectProperty<ChartRange> range = new SimpleObjectProperty<>(ChartRange.DEFAULT);

    /** @param grants what the signed-in user's roles allow: opening an incident and running a backup are not for every role */
    public DashboardViewModel(ResourceBundle text, List<? extends InstanceFeed> instances, TaskExecutor tasks, Clock clock, Grants grants, Dialogs dialogs, ZoneId zone) {
        this.text = text;
        this.tasks = tasks;
        this.clock = clock;
        this.grants = grants;
        this.dialogs = dialogs;
        this.zone = zone;
        this.instances = List.copyOf(instances);
        this.redraws = new DirtyBits(tasks.nextPulse(), this::redraw);
        this.silenceToLift = Bindings.createBooleanBinding(() -> selectedAlert.get() != null && covering(selectedAlert.get()).isPresent(),
                selectedAlert, silenceVersion);
        this.acknowledgeable = Bindings.createBooleanBinding(() -> selectedAlert.get() != null
                && fleetOf(selectedAlert.get()).filter(fleetAlert -> fleetAlert.id() != null && fleetAlert.acknowledged() == null).isPresent(),
                selectedAlert, recordedVersion);
        status.set(text.getString("status.connected") + " " + String.join(", ", this.instances.stream().map(InstanceFeed::instance).toList()));
        selected.set(this.instances.getFirst());
        selected.addListener((observable, before, now) -> showSelected());
        for (InstanceFeed feed : this.instances) {
            feed.onChange(() -> redraws.mark(feed == selected.get() ? SELECTED_CHANGED : OTHERS_CHANGED));
            feed.range(range.get());
        }
        range.addListener((observable, before, now) -> this.instances.forEach(feed -> feed.range(now)));
    }

    /** How far back the charts reach; the feeds read the server's history over it at their next scrape. */
    public ObjectProperty<ChartRange> rangeProperty() {
        return range;
    }

    /** A range's name in the picker. */
    public String rangeName(ChartRange chartRange) {
        return text.getString("range." + chartRange.query());
    }

    /** A chart's time axis: the time of day, and the day too when the charts reach back a week. */
    public String axisTime(Instant instant) {
        return (range.get() == ChartRange.WEEK ? DAY_AND_TIME : AXIS_TIME).withLocale(text.getLocale()).format(instant.atZone(zone));
    }

    public List<InstanceFeed> instances() {
        return instances;
    }

    /** The instance whose panels are shown; the view's instance picker and the troubleshooting table set it. */
    public ObjectProperty<InstanceFeed> selectedProperty() {
        return selected;
    }

    /** The selected instance's latest state: the panels draw it. */
    public ReadOnlyObjectProperty<Monitor.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True while the selected instance's last scrapes failed: its panels show the last data it gave. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Every instance's name and condition, for the line above the panels. */
    public ReadOnlyStringProperty fleetProperty() {
        return fleet.getReadOnlyProperty();
    }

    /** Every instance's alerts, whichever is selected. */
    public ObservableList<AlertEngine.Alert> alerts() {
        return alerts;
    }

    /** The alert the user picked in the table (the commands act on it). */
    public ObjectProperty<AlertEngine.Alert> selectedAlertProperty() {
        return selectedAlert;
    }

    public BooleanBinding alertChosen() {
        return alertChosen;
    }

    public BooleanBinding silenceToLift() {
        return silenceToLift;
    }

    /** What the alert's rule says, in the user's language (the rule file says it in English). */
    public String summaryOf(AlertEngine.Alert alert) {
        String key = "alerts.summary." + alert.name();
        return text.containsKey(key) ? text.getString(key) : alert.summary();
    }

    /** "until 14:05: load test" for an alert under a silence, "maintenance backup until 03:00" during a window that names it, else empty. */
    public String silenceOf(AlertEngine.Alert alert) {
        return covering(alert).map(s -> String.format(text.getString("alerts.silenced.until"), clockTime(s.until()), s.reason()))
                .or(() -> fleetOf(alert).map(FleetAlert::silenced).filter(quiet -> "maintenance".equals(quiet.kind()))
                        .map(quiet -> String.format(text.getString("alerts.silenced.maintenance"), quiet.id(), clockTime(quiet.until()))))
                .orElse("");
    }

    /** "amelie: restarting app2" for an alert someone took, else empty. */
    public String takenOf(AlertEngine.Alert alert) {
        return fleetOf(alert).map(FleetAlert::acknowledged).map(taken -> taken.by() + ": " + taken.comment()).orElse("");
    }

    /** The alert as the servers recorded it: its id, who took it, what keeps it quiet. */
    public Optional<FleetAlert> fleetOf(AlertEngine.Alert alert) {
        return recorded.stream().filter(fleetAlert -> fleetAlert.alert().name().equals(alert.name())
                && fleetAlert.alert().labels().equals(alert.labels())).findFirst();
    }

    /** Whether the chosen alert is recorded by the servers and nobody took it yet. */
    public BooleanBinding acknowledgeable() {
        return acknowledgeable;
    }

    /** Takes the chosen alert, saying what is being done about it: every console and the history show who and why. */
    public void acknowledgeChosenAlert() {
        AlertEngine.Alert alert = selectedAlert.get();
        Optional<FleetAlert> known = alert == null ? Optional.empty() : fleetOf(alert).filter(fleetAlert -> fleetAlert.id() != null);
        if (known.isEmpty()) {
            return;
        }
        dialogs.askAcknowledgement(alert).map(String::strip).filter(comment -> !comment.isEmpty()).ifPresent(comment -> {
            AlertsApi servers = ownerOf(alert).alerts();
            tasks.run(() -> servers.acknowledge(known.get().id(), comment), taken -> {
                recorded = recorded.stream().map(fleetAlert -> fleetAlert.id() != null && fleetAlert.id().equals(taken.id()) ? taken : fleetAlert)
                        .toList();
                recordedVersion.set(recordedVersion.get() + 1);
                status.set(String.format(text.getString("alerts.acknowledged"), alert.name(), comment));
            }, failure -> status.set(text.getString("alerts.acknowledgeFailed") + " " + failure.getMessage()));
        });
    }

    /** The alert history's view-model, reading from the selected instance (every server answers for the fleet). */
    public AlertHistoryViewModel alertHistory() {
        List<String> rules = com.nexusai.core.alerts.AlertRules.shipped().rules().stream().map(com.nexusai.core.alerts.AlertRule::alert).toList();
        return new AlertHistoryViewModel(text, selected.get().alerts(), tasks, clock, zone, rules,
                instances.stream().map(InstanceFeed::instance).toList());
    }

    /** Changes whenever the servers' records of the alerts change (who took one, what silences it). */
    public ReadOnlyObjectProperty<Integer> recordedVersionProperty() {
        return recordedVersion.getReadOnlyProperty();
    }

    /** The shared silence over {@code alert} now, if any (the one ending last). */
    public Optional<SharedSilence> covering(AlertEngine.Alert alert) {
        Instant now = clock.instant();
        return silences.stream().filter(s -> s.until().isAfter(now) && s.rule().equals(alert.name())
                && (s.instance() == null || s.instance().equals(alert.labels().get("instance")))).max(Comparator.comparing(SharedSilence::until));
    }

    /** Redraws the selected instance now (after the selection changed or the language was switched). */
    public void showSelected() {
        redraw(SELECTED_CHANGED);
    }

    private void redraw(int bits) {
        InstanceFeed shown = selected.get();
        if ((bits & SELECTED_CHANGED) != 0) {
            Monitor.State now = shown.state();
            stale.set(now.stale());
            status.set(now.stale() ? String.format(text.getString("status.stale"), clockTime(now.staleSince()), now.error())
                    : now.alertsRead() != null ? String.format(text.getString("status.alertsOnly"), clockTime(now.alertsRead()))
                    : now.latest() == null ? status.get() : text.getString("status.updated") + " " + clockTime(now.latest().at()));
            state.set(now);
        }
        List<SharedSilence> read = readSilences();
        if (!read.equals(silences)) {
            silences = read;
            silenceVersion.set(silenceVersion.get() + 1);
        }
        // the servers' alerts are the fleet's: each instance lists them all, so one of each
        List<AlertEngine.Alert> every = List.copyOf(instances.stream().flatMap(feed -> feed.state().alerts().stream())
                .collect(java.util.stream.Collectors.toMap(a -> a.name() + new TreeMap<>(a.labels()), a -> a, (first, same) -> first,
                        LinkedHashMap::new)).values());
        List<FleetAlert> records = List.copyOf(instances.stream().flatMap(feed -> feed.state().recorded().stream())
                .collect(java.util.stream.Collectors.toMap(a -> a.alert().name() + new TreeMap<>(a.alert().labels()), a -> a, (first, same) -> first,
                        LinkedHashMap::new)).values());
        if (!records.equals(recorded)) {
            recorded = records;
            recordedVersion.set(recordedVersion.get() + 1);
        }
        AlertEngine.Alert picked = selectedAlert.get();
        alerts.setAll(every);
        // the same alert with its new value: the choice survives the refresh
        selectedAlert.set(picked == null ? null : every.stream()
                .filter(a -> a.name().equals(picked.name()) && a.labels().equals(picked.labels())).findFirst().orElse(null));
        notifyFiring(every);
        fleet.set(String.join("   ", instances.stream().map(feed -> feed.instance() + ": " + condition(feed.state())).toList()));
    }

    private String condition(Monitor.State state) {
        if (!state.stale()) {
            return state.latest() == null && state.alertsRead() == null ? "..." : "OK";
        }
        return text.getString(state.latest() == null ? "fleet.down" : "fleet.stale");
    }

    private void notifyFiring(List<AlertEngine.Alert> active) {
        Set<String> firing = new HashSet<>();
        for (AlertEngine.Alert alert : active) {
            if (alert.state() == AlertEngine.State.FIRING) {
                String key = alert.name() + alert.labels();
                firing.add(key);
                boolean quiet = covering(alert).isPresent() || fleetOf(alert).map(FleetAlert::silenced).isPresent();
                if (!quiet && notified.add(key)) {
                    dialogs.alertFired(alert, summaryOf(alert));
                }
            }
        }
        notified.retainAll(firing);
    }

    public Grants grants() {
        return grants;
    }

    /** Whether the signed-in role may read the metrics the panels draw; without, the alerts come from the servers' own engines. */
    public boolean metricsReadable() {
        return grants.allow(Permission.READ_METRICS);
    }

    /** Why there are no panels, for a role that may not read the metrics; else empty. */
    public String metricsNote() {
        return metricsReadable() ? "" : text.getString("panels.hidden") + " " + RoleGuard.refusal(grants, Permission.READ_METRICS, text) + " "
                + text.getString("alerts.fromServer");
    }

    /** Opens an incident for the chosen alert, on the instance the alert comes from. */

    public void openIncident() {
        AlertEngine.Alert alert = selectedAlert.get();
        if (alert == null || !grants.allow(Permission.HANDLE_INCIDENTS)) {
            return;
        }
        InstanceFeed owner = instances.stream().filter(feed -> feed.instance().equals(alert.labels().get("instance"))).findFirst()
                .orElse(selected.get());
        NewIncident incident = NewIncident.fromAlert(alert.name() + ": " + alert.summary(), alert.severity(),
                "alert:" + alert.name() + new TreeMap<>(alert.labels()));
        tasks.run(() -> owner.incidents().open(incident),
                opened -> status.set(text.getString("alerts.incidentOpened") + " " + opened.id()),
                failure -> status.set(text.getString("alerts.incidentFailed") + " " + failure.getMessage()));
    }

    /** Silences the chosen alert as the user says (for how long, on which instances, and why), on the servers: every console sees it. */
    public void silenceChosenAlert() {
        AlertEngine.Alert alert = selectedAlert.get();
        if (alert == null) {
            return;
        }
        dialogs.askSilence(alert).filter(request -> !request.reason().isBlank()).ifPresent(request -> {
            String instance = request.everywhere() ? null : alert.labels().get("instance");
            Instant until = clock.instant().plus(request.duration());
            AlertsApi servers = ownerOf(alert).alerts();
            tasks.run(() -> servers.silence(alert.name(), instance, until, request.reason().strip()), added -> {
                addedHere.put(added.id(), added);
                status.set(String.format(text.getString("alerts.silenced"), alert.name(), clockTime(added.until()), added.reason()));
                silencesChanged();
            }, failure -> status.set(text.getString("alerts.silenceFailed") + " " + failure.getMessage()));
        });
    }

    public void liftSilence() {
        AlertEngine.Alert alert = selectedAlert.get();
        if (alert == null) {
            return;
        }
        covering(alert).ifPresent(silence -> {
            AlertsApi servers = ownerOf(alert).alerts();
            tasks.run(() -> {
                servers.lift(silence.id());
                return silence;
            }, lifted -> {
                addedHere.remove(lifted.id());
                liftedHere.put(lifted.id(), lifted.until());
                silencesChanged();
            }, failure -> status.set(text.getString("alerts.silenceFailed") + " " + failure.getMessage()));
        });
    }

    /** The instance an alert comes from (its {@code instance} label), else the selected one. */
    private InstanceFeed ownerOf(AlertEngine.Alert alert) {
        return instances.stream().filter(feed -> feed.instance().equals(alert.labels().get("instance"))).findFirst().orElse(selected.get());
    }

    /** The feeds' silences, with what this console added or lifted and the servers do not say yet. */
    private List<SharedSilence> readSilences() {
        Map<String, SharedSilence> all = new LinkedHashMap<>();
        instances.forEach(feed -> feed.state().silences().forEach(silence -> all.putIfAbsent(silence.id(), silence)));
        Instant now = clock.instant();
        addedHere.values().removeIf(added -> all.containsKey(added.id()) || !added.until().isAfter(now));
        liftedHere.values().removeIf(until -> !until.isAfter(now));
        all.putAll(addedHere);
        liftedHere.keySet().forEach(all::remove);
        return List.copyOf(all.values());
    }

    private void silencesChanged() {
        silences = readSilences();
        silenceVersion.set(silenceVersion.get() + 1);
        List<AlertEngine.Alert> shown = List.copyOf(alerts);
        AlertEngine.Alert picked = selectedAlert.get();
        alerts.setAll(shown); // the silence column is drawn again
        selectedAlert.set(picked);
    }

    /** A version that changes with the silences, for views that draw them. */
    public ReadOnlyObjectProperty<Integer> silenceVersionProperty() {
        return silenceVersion.getReadOnlyProperty();
    }

    /** After the user confirms: a backup of everything on the selected instance, its progress in the backups panel. */
    public void runBackup() {
        if (!grants.allow(Permission.MANAGE_BACKUPS) || !dialogs.confirmBackup()) {
            return;
        }
        InstanceFeed on = selected.get();
        tasks.run(() -> on.backups().start("all"), started -> {
            on.refreshBackups();
            status.set(text.getString("backups.started.now"));
        }, failure -> status.set(text.getString("backups.failed") + " " + failure.getMessage()));
    }

    /** What the panels say about {@code state}'s latest scrape; null before the first one. */
    public Panels panels(Monitor.State state) {
        return state.latest() == null ? null : Panels.of(text, state, backupsNote(state));
    }

    /** The note under the backups table: why the list is missing, if it is. */
    public String backupsNote(Monitor.State state) {
        return state.backupsError() == null ? "" : Monitor.NEEDS_ADMIN.equals(state.backupsError()) ? text.getString("backups.needsAdmin")
                : state.backupsError();
    }

    /** {@code instant} as the clock on the user's wall says it (HH:mm:ss). */
    private static final java.time.format.DateTimeFormatter AXIS_TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
    private static final java.time.format.DateTimeFormatter DAY_AND_TIME = java.time.format.DateTimeFormatter.ofPattern("EEE HH:mm");

    public String clockTime(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }
}
