package com.nexusai.desktop.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.AlertRules;
import com.nexusai.core.alerts.AlertsApi;
import com.nexusai.core.alerts.FleetAlert;
import com.nexusai.core.alerts.SharedSilence;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.api.Permission;
import com.nexusai.core.backups.Backup;
import com.nexusai.core.backups.BackupsApi;
import com.nexusai.core.incidents.IncidentsApi;
import com.nexusai.core.dashboard.Dashboard;
import com.nexusai.core.metrics.Exposition;
import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.core.metrics.MetricsApi;
import com.nexusai.core.metrics.Sample;

/**
 * Polls one instance at the refresh rate, off the FX thread: one scrape feeds the dashboard and the
 * alert engine. A user whose role may not read the metrics gets the alerts the server raises itself instead. Keeps a rolling window of dashboards; the view-model reads {@link #state()} at most once
 * per frame after {@link #onChange} said something changed. A failing scrape keeps the last data, marked
 * stale since the first failure, and retries with backoff.
 */
public final class Monitor implements InstanceFeed, AutoCloseable {

    /**
     * What the panels draw: the newest dashboard, the window behind it, the alerts, since when the data is stale (or
     * null) and why, and the recent backups ({@code backupsError} {@value #NEEDS_ADMIN} when the user may not list them).
     * {@code alertsRead} is when the alerts were last read from the server's own engine, for a role that may not read the
     * metrics (then there is no dashboard), else null. {@code silences} are the ones the server keeps for every console.
     * {@code history} is what the server remembers of the charted series over the chosen range. {@code recorded} are the
     * alerts as the servers recorded them (ids, acknowledgements, silences and maintenance windows); empty when this
     * console evaluates its own rules.
     */
    public record State(Dashboard latest, List<Dashboard> window, List<AlertEngine.Alert> alerts, Instant staleSince, String error,
            List<Backup> backups, String backupsError, Instant alertsRead, List<SharedSilence> silences, ChartHistory history,
            List<FleetAlert> recorded) {

        public static final State EMPTY = new State(null, List.of(), List.of(), null, null, List.of(), null, null, List.of(), ChartHistory.NONE,
                List.of());

        public boolean stale() {
            return staleSince != null;
        }
    }

    public static final String NEEDS_ADMIN = "ADMIN";

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration BACKUPS_PERIOD = Duration.ofSeconds(10);
    /** The history is read again this often: the live window (15 minutes) always reaches back past its end. */
    private static final Duration HISTORY_PERIOD = Duration.ofMinutes(5);

    private final NexusClient client;
    private final BackupsApi backups;
    private final IncidentsApi incidents;
    private final AlertsApi serverAlerts;
    private final String instance;
    private final Duration period;
    private final Clock clock;
    private final AlertEngine engine;
    private final ScheduledExecutorService poller;
    private final Deque<Dashboard> window = new ArrayDeque<>();
    private volatile State state = State.EMPTY;
    private List<Sample> previous;
    private Instant previousAt;
    private int failures;
    private volatile Instant backupsReadAt;
    private volatile Runnable onChange = () -> { };
    private volatile ChartRange range = ChartRange.DEFAULT;
    private final MetricsApi metrics;

    /**
     * @param rules the console's own rules ({@code --rules}), evaluated here over each scrape; null: the alerts are the
     *        servers' own, read from {@code /api/alerts} (the fleet's one source)
     * @param poller the thread it polls on (platform's {@code Polling}); closed with the monitor
     */
    public Monitor(NexusClient client, Duration period, Clock clock, AlertRules rules, ScheduledExecutorService poller) {
        this.client = client;
        this.poller = poller;
        this.backups = BackupsApi.over(client);
        this.incidents = IncidentsApi.over(client);
        this.serverAlerts = AlertsApi.over(client);
        this.metrics = MetricsApi.over(client);
        this.instance = client.base().getAuthority();
        this.period = period;
        this.clock = clock;
        this.engine = rules == null ? null : new AlertEngine(rules.rules(), clock);
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public void refreshBackups() {
        backupsReadAt = null;
    }

    public NexusClient client() {
        return client;
    }

    @Override
    public BackupsApi backups() {
        return backups;
    }

    @Override
    public IncidentsApi incidents() {
        return incidents;
    }

    @Override
    public AlertsApi alerts() {
        return serverAlerts;
    }

    public void start() {
        poller.schedule(this::poll, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public void onChange(Runnable listener) {
        onChange = listener;
    }

    private void poll() {
        Duration next = period;
        try {
            State last = state;
            Instant now = clock.instant();
            boolean metricsDenied = !client.grants().allow(Permission.READ_METRICS);
            Dashboard dashboard = null;
            List<AlertEngine.Alert> alerts;
            List<FleetAlert> recorded = List.of();
            if (metricsDenied) {
                recorded = serverAlerts.fleet(); // the server's own engine, over the metrics this role may not read
                alerts = recorded.stream().map(FleetAlert::alert).toList();
            } else {
                List<Sample> samples = Exposition.parse(client.prometheus(), this::read);
                dashboard = Dashboard.of(instance, previousAt, previous, now, samples);
                if (engine == null) {
                    recorded = serverAlerts.fleet();
                    alerts = recorded.stream().map(FleetAlert::alert).toList();
                } else {
                    alerts = engine.evaluate(instance, answered(samples));
                }
                previous = samples;
                previousAt = now;
                window.addLast(dashboard);
                while (!window.isEmpty() && window.peekFirst().at().isBefore(now.minus(WINDOW))) {
                    window.removeFirst();
                }
            }
            failures = 0;
            List<Backup> recent = last.backups();
            String backupsError = last.backupsError();
            // the backup list changes rarely: read it every BACKUPS_PERIOD, and at every scrape while one runs (its progress)
            boolean running = recent.stream().anyMatch(Backup::running);
            if (running || backupsReadAt == null || !now.isBefore(backupsReadAt.plus(BACKUPS_PERIOD))) {
                backupsReadAt = now;
                try {
                    recent = backups.recent(8);
                    backupsError = null;
                } catch (NexusClient.ApiException e) {
                    backupsError = e.status() == 403 ? NEEDS_ADMIN : e.getMessage();
                }
            }
            List<SharedSilence> silences = last.silences();
            try {
                silences = serverAlerts.silences();
            } catch (NexusClient.ApiException e) {
                // an older server without shared silences, or a role refused them: none shown
            }
            ChartHistory history = last.history();
            ChartRange wanted = range;
            if (!metricsDenied && (history.readAt() == null || history.range() != wanted || !now.isBefore(history.readAt().plus(HISTORY_PERIOD)))) {
                history = history(wanted, now);
            }
            state = new State(dashboard, List.copyOf(window), alerts, null, null, recent, backupsError, metricsDenied ? now : null, silences,
                    history, recorded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failures++;
            State last = state;
            List<AlertEngine.Alert> alerts = last.alerts();
            if (engine != null) {
                // as Prometheus's up == 0: the console's own rules see the instance not answering
                alerts = engine.evaluate(instance, List.of(new Sample("up", Map.of(), 0)));
            }
            state = new State(last.latest(), last.window(), alerts, last.staleSince() == null ? clock.instant() : last.staleSince(),
                    e.getMessage(), last.backups(), last.backupsError(), last.alertsRead(), last.silences(), last.history(), last.recorded());
            long backoff = Math.min(MAX_BACKOFF.toMillis(), period.toMillis() * (1L << Math.min(failures, 5)));
            next = Duration.ofMillis(backoff);
        }
        onChange.run();
        if (!poller.isShutdown()) {
            poller.schedule(this::poll, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The charted series over {@code wanted}, from the server; an older server or a stalled database: none, and why. */
    private ChartHistory history(ChartRange wanted, Instant now) throws InterruptedException {
        Map<HistorySeries, List<MetricsApi.Point>> points = new java.util.EnumMap<>(HistorySeries.class);
        String error = null;
        for (HistorySeries series : ChartHistory.CHARTED) {
            try {
                MetricsApi.History read = metrics.history(series, wanted.query());
                points.put(series, read.points());
                error = read.incomplete() != null ? read.incomplete() : error;
            } catch (java.io.IOException e) {
                error = e.getMessage();
            }
        }
        return new ChartHistory(wanted, points, now, error);
    }

    @Override
    public void range(ChartRange wanted) {
        range = wanted;
    }

    /** Whether a panel or a rule reads the family {@code name}: the scrape's other families are not parsed. */
    private boolean read(String name) {
        return Dashboard.METRICS.contains(name) || (engine != null && engine.metrics().contains(name));
    }

    /** The scrape with Prometheus's {@code up 1}: the instance answered. */
    private static List<Sample> answered(List<Sample> samples) {
        List<Sample> all = new java.util.ArrayList<>(samples);
        all.add(new Sample("up", Map.of(), 1));
        return all;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
