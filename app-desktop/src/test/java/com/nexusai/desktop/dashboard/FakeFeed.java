package com.nexusai.desktop.dashboard;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.SharedSilence;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.backups.Backup;
import com.nexusai.core.backups.BackupsApi;
import com.nexusai.core.dashboard.Dashboard;
import com.nexusai.core.incidents.IncidentsApi;
import com.nexusai.desktop.incidents.FakeIncidentsApi;

/** An instance fed by hand: each {@link #scraped} or {@link #failed} is a scrape, and the calls to it are recorded. */
public final class FakeFeed implements InstanceFeed, BackupsApi {

    private final String instance;
    private Monitor.State state = Monitor.State.EMPTY;
    private Runnable listener = () -> { };
    final List<String> backupsStarted = new ArrayList<>();
    final FakeIncidentsApi incidents = new FakeIncidentsApi();
    final FakeAlertsApi alerts = new FakeAlertsApi();
    int backupRefreshes;
    IOException refusal;

    public FakeFeed(String instance) {
        this.instance = instance;
    }

    /** A scrape that answered at {@code at} with these alerts. */
    public FakeFeed scraped(Instant at, AlertEngine.Alert... alerts) {
        Dashboard dashboard = Dashboard.of(instance, null, null, at, List.of());
        state = new Monitor.State(dashboard, List.of(dashboard), List.of(alerts), null, null, state.backups(), state.backupsError(), null, state.silences(), state.history(), state.recorded());
        listener.run();
        return this;
    }

    /** The servers' silences as the next scrape reads them (set by any console). */
    public FakeFeed silencesRead(SharedSilence... silences) {
        state = new Monitor.State(state.latest(), state.window(), state.alerts(), state.staleSince(), state.error(), state.backups(),
                state.backupsError(), state.alertsRead(), List.of(silences), state.history(), state.recorded());
        listener.run();
        return this;
    }

    /** For a role that may not read the metrics: the server's own alerts, read at {@code at}. */
    public FakeFeed alertsRead(Instant at, AlertEngine.Alert... alerts) {
        state = new Monitor.State(null, List.of(), List.of(alerts), null, null, state.backups(), state.backupsError(), at, state.silences(), state.history(), state.recorded());
        listener.run();
        return this;
    }

    /** The servers' records of the alerts (ids, who took them, what silences them), as the next scrape reads them. */
    public FakeFeed recorded(com.nexusai.core.alerts.FleetAlert... alerts) {
        state = new Monitor.State(state.latest(), state.window(), List.of(alerts).stream().map(com.nexusai.core.alerts.FleetAlert::alert).toList(),
                state.staleSince(), state.error(), state.backups(), state.backupsError(), state.alertsRead(), state.silences(), state.history(),
                List.of(alerts));
        listener.run();
        return this;
    }

    /** The server's history of the charted series over {@code range}, as the next scrape reads it. */
    public FakeFeed remembered(ChartRange range, Instant at, java.util.Map<com.nexusai.core.metrics.HistorySeries, List<com.nexusai.core.metrics.MetricsApi.Point>> points) {
        state = new Monitor.State(state.latest(), state.window(), state.alerts(), state.staleSince(), state.error(), state.backups(),
                state.backupsError(), state.alertsRead(), state.silences(), new ChartHistory(range, points, at, null), state.recorded());
        listener.run();
        return this;
    }

    /** A scrape that failed at {@code at}: the last data stays, stale since the first failure. */
    public FakeFeed failed(Instant at, String error) {
        state = new Monitor.State(state.latest(), state.window(), state.alerts(), state.stale() ? state.staleSince() : at, error, state.backups(),
                state.backupsError(), state.alertsRead(), state.silences(), state.history(), state.recorded());
        listener.run();
        return this;
    }

    /** The ranges asked of this feed, in order. */
    final List<ChartRange> ranges = new ArrayList<>();

    @Override
    public void range(ChartRange range) {
        ranges.add(range);
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public Monitor.State state() {
        return state;
    }

    @Override
    public void onChange(Runnable listener) {
        this.listener = listener;
    }

    @Override
    public void refreshBackups() {
        backupRefreshes++;
    }

    @Override
    public BackupsApi backups() {
        return this;
    }

    @Override
    public IncidentsApi incidents() {
        return incidents;
    }

    @Override
    public com.nexusai.core.alerts.AlertsApi alerts() {
        return alerts;
    }

    @Override
    public List<Backup> recent(int limit) {
        return List.of();
    }

    @Override
    public com.nexusai.core.backups.BackupJob verify(String id) {
        throw new UnsupportedOperationException("not on the dashboard");
    }

    @Override
    public com.nexusai.core.backups.BackupJob restore(String id, String confirm) {
        throw new UnsupportedOperationException("not on the dashboard");
    }

    @Override
    public com.nexusai.core.backups.BackupJob follow(com.nexusai.core.backups.BackupJob job,
            java.util.function.Consumer<com.nexusai.core.backups.BackupJob> progress) {
        throw new UnsupportedOperationException("not on the dashboard");
    }

    @Override
    public List<Backup> start(String kind) throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        backupsStarted.add(kind);
        return List.of(new Backup("b1", kind, Backup.Status.RUNNING, Instant.EPOCH, null, 0L, null, null, null));
    }

    static NexusClient.ApiException refused(int status, String message) {
        return new NexusClient.ApiException(status, message);
    }
}
