package com.nexusai.desktop;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.Silences;
import com.nexusai.core.dashboard.Dashboard;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import tools.jackson.databind.JsonNode;

/**
 * The live panels of the guide's §3: JVM, HTTP, connection pool, Kafka lag, host, alerts. Data comes
 * from {@link Monitor} (off the FX thread); an animation timer redraws at most once per frame, and
 * only when something changed.
 */
final class DashboardView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final double MIB = 1024 * 1024;
    private static final int CHART_POINTS = 180;

    private final ResourceBundle text;
    private final List<Monitor> monitors;
    private final javafx.scene.control.ChoiceBox<Monitor> instance = new javafx.scene.control.ChoiceBox<>();
    private final Label fleet = new Label();
    private Monitor monitor;
    private final XYChart.Series<Number, Number> heapSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> p95Series = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> lagSeries = new XYChart.Series<>();
    private final Label heap = value();
    private final Label nonHeap = value();
    private final Label threads = value();
    private final Label gc = value();
    private final Label requests = value();
    private final Label errors = value();
    private final Label p95 = value();
    private final Label poolNumbers = value();
    private final Label databaseReplica = value();
    private final ProgressBar poolUsage = bar();
    private final ProgressBar cpu = bar();
    private final ProgressBar memory = bar();
    private final ProgressBar disk = bar();
    private final Label cpuText = value();
    private final Label memoryText = value();
    private final Label diskText = value();
    private final TableView<Dashboard.Lag> lag = new TableView<>();
    private static final javafx.css.PseudoClass WARNING = javafx.css.PseudoClass.getPseudoClass("warning");
    private final TableView<Dashboard.Broker> brokers = new TableView<>();
    private final Label replication = value();
    private final Label redisRole = value();
    private final TableView<Dashboard.RedisReplica> redisReplicas = new TableView<>();
    private final TableView<AlertEngine.Alert> alerts = new TableView<>();
    private final TableView<JsonNode> backups = new TableView<>();
    private final Label backupsNote = new Label();
    private final java.util.Set<String> notified = new java.util.HashSet<>();
    private final Background background;
    private final Silences silences;
    private final String user;
    private final StatusBar status = new StatusBar();
    private final java.util.concurrent.atomic.AtomicBoolean redrawQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final FirstFrame firstFrame = new FirstFrame();

    DashboardView(ResourceBundle text, List<Monitor> monitors, Background background, Silences silences, String user) {
        this.text = text;
        this.silences = silences;
        this.user = user;
        alerts.setId("alerts");
        instance.setId("instance");
        fleet.setId("fleet");
        status.setId("status");
        this.monitors = List.copyOf(monitors);
        this.monitor = monitors.getFirst();
        this.background = background;
        String serverName = String.join(", ", monitors.stream().map(Monitor::instance).toList());
        instance.getItems().setAll(monitors);
        instance.setValue(monitor);
        instance.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Monitor m) {
                return m == null ? "" : m.instance();
            }

            @Override
            public Monitor fromString(String name) {
                return null;
            }
        });
        instance.valueProperty().addListener((observable, before, selected) -> {
            monitor = selected;
            draw(selected.state());
        });
        javafx.scene.layout.HBox instances = new javafx.scene.layout.HBox(12, new Label(text.getString("fleet.instance")), instance, fleet);
        instances.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        instances.setPadding(new Insets(12, 16, 0, 16));
        setTop(instances);
        GridPane panels = new GridPane(16, 16);
        panels.setPadding(new Insets(16));
        panels.add(panel(text.getString("panel.jvm"), chart(heapSeries, text.getString("chart.heap")), row("jvm.heap", heap),
                row("jvm.nonHeap", nonHeap), row("jvm.threads", threads), row("jvm.gc", gc)), 0, 0);
        panels.add(panel(text.getString("panel.http"), chart(p95Series, text.getString("chart.p95")), row("http.rate", requests),
                row("http.errors", errors), row("http.p95", p95)), 1, 0);
        // the pool and the host share a column, so that the alerts get two
        VBox poolAndHost = new VBox(16, panel(text.getString("panel.pool"), poolUsage, poolNumbers, databaseReplica),
                panel(text.getString("panel.host"), row("host.cpu", cpu, cpuText), row("host.memory", memory, memoryText),
                        row("host.disk", disk, diskText)), panel(text.getString("panel.redis"), redisRole, redisTable()));
        panels.add(poolAndHost, 2, 0);
        LineChart<Number, Number> lagTrend = chart(lagSeries, text.getString("chart.lag"));
        lagTrend.setPrefHeight(130);
        lagTrend.setMinHeight(130);
        panels.add(panel(text.getString("panel.kafka"), lagTable(), lagTrend, brokerTable(), replication), 0, 1);

        javafx.scene.layout.HBox alertActions = new javafx.scene.layout.HBox(8, openIncidentButton(), silenceButton(), liftSilenceButton());
        panels.add(panel(text.getString("panel.alerts"), alertTable(), alertActions), 1, 1, 2, 1);
        panels.add(panel(text.getString("panel.backups"), backupTable(), backupsNote, runBackupButton()), 0, 2, 3, 1);
        for (int column = 0; column < 3; column++) {
            var constraints = new javafx.scene.layout.ColumnConstraints();
            constraints.setPercentWidth(100 / 3.0);
            panels.getColumnConstraints().add(constraints);
        }
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(panels);
        scroll.setFitToWidth(true); // a small screen scrolls rather than cutting panels or the status bar
        setCenter(scroll);
        status.setText(text.getString("status.connected") + " " + serverName);
        setBottom(status);
        // one redraw per burst of scrapes, on the FX thread: no continuous pulse while nothing changes
        for (Monitor each : monitors) {
            each.onChange(() -> {
                if (redrawQueued.compareAndSet(false, true)) {
                    Platform.runLater(this::redraw);
                }
            });
        }
    }

    /** Shows {@code chosen}'s panels (the troubleshooting table opens the instance where a symptom shows). */
    void select(Monitor chosen) {
        instance.setValue(chosen);
    }

    /** The instance the panels show. */
    Monitor selected() {
        return monitor;
    }

    void stop() {
        monitors.forEach(each -> each.onChange(() -> { }));
    }

    private void redraw() {
        redrawQueued.set(false);
        boolean others = false;
        for (Monitor each : monitors) {
            if (each != monitor) {
                others |= each.takeDirty();
            }
        }
        if (monitor.takeDirty()) {
            draw(monitor.state());
        } else if (others) {
            drawFleet();
        }
    }

    private void draw(Monitor.State state) {
        if (state.staleSince() != null) {
            status.setText(String.format(text.getString("status.stale"), TIME.format(state.staleSince().atZone(ZoneId.systemDefault())),
                    state.error()));
            status.getStyleClass().add("stale");
        } else {
            status.getStyleClass().remove("stale");
            status.setText(text.getString("status.updated") + " " + LocalTime.now().format(TIME));
        }
        drawFleet();
        Dashboard dashboard = state.latest();
        if (dashboard == null) {
            return;
        }
        firstFrame.shown("dashboard", getScene());
        drawPanels(state, dashboard);
    }

    /** Every instance's status and alerts, whichever instance is selected and whether it ever answered. */
    private void drawFleet() {
        List<AlertEngine.Alert> everyAlert = monitors.stream().flatMap(m -> m.state().alerts().stream()).toList();
        AlertEngine.Alert selected = alerts.getSelectionModel().getSelectedItem();
        alerts.getItems().setAll(everyAlert);
        if (selected != null) {
            // the same alert, with its new value: the selection survives the refresh
            everyAlert.stream().filter(a -> a.name().equals(selected.name()) && a.labels().equals(selected.labels())).findFirst()
                    .ifPresent(alerts.getSelectionModel()::select);
        }
        notifyFiring(everyAlert);
        fleet.setText(String.join("   ", monitors.stream().map(m -> m.instance() + ": " + fleetStatus(m.state())).toList()));
    }

    private void drawPanels(Monitor.State state, Dashboard dashboard) {
        Dashboard.Jvm jvm = dashboard.jvm();
        heap.setText(String.format(Locale.ROOT, "%.0f / %.0f / %.0f MiB", jvm.heapUsed() / MIB, jvm.heapCommitted() / MIB, jvm.heapMax() / MIB));
        nonHeap.setText(String.format(Locale.ROOT, "%.0f MiB", jvm.nonHeapUsed() / MIB));
        threads.setText(String.format(Locale.ROOT, "%.0f", jvm.liveThreads()));
        StringBuilder pauses = new StringBuilder();
        jvm.gcPauses().forEach((name, values) -> pauses.append(String.format(Locale.ROOT, "%s: %.0f (%.2f s)  ", name, values[0], values[1])));
        gc.setText(pauses.toString().strip());
        Dashboard.Http http = dashboard.http();
        requests.setText(number(http.requestsPerSecond(), "%.1f /s"));
        errors.setText(number(http.errorsPerSecond(), "%.2f /s"));
        p95.setText(number(http.p95Seconds() * 1000, "%.0f ms"));
        Dashboard.Pool pool = dashboard.pool();
        poolUsage.setProgress(Double.isNaN(pool.usage()) ? 0 : pool.usage());
        poolNumbers.setText(String.format(Locale.ROOT, text.getString("pool.numbers"), pool.active(), pool.idle(), pool.pending(), pool.max(),
                Double.isNaN(pool.usage()) ? 0 : pool.usage() * 100));
        show(cpu, cpuText, dashboard.host().cpu());
        show(memory, memoryText, dashboard.host().memory());
        show(disk, diskText, dashboard.host().disk());
        Tables.replaceIfChanged(lag.getItems(), dashboard.kafkaLag());
        Dashboard.DatabaseReplica replica = dashboard.databaseReplica();
        databaseReplica.setId("db-replica");
        databaseReplica.setVisible(replica.configured());
        databaseReplica.setManaged(replica.configured());
        databaseReplica.setText(!replica.configured() ? "" : replica.up() == 1
                ? String.format(Locale.ROOT, text.getString("replica.up"), replica.behindBytes(), replica.lagSeconds())
                : String.format(Locale.ROOT, text.getString("replica.down"), replica.behindBytes()));
        databaseReplica.pseudoClassStateChanged(WARNING, replica.configured() && (replica.up() != 1 || replica.lagSeconds() > 30));
        Dashboard.Redis redis = dashboard.redis();
        redisRole.setText(redis.role().isEmpty() ? text.getString("redis.unknown")
                : String.format(Locale.ROOT, text.getString("redis.role"), text.getString("redis.role." + redis.role()), redis.replicas().size()));
        redisRole.pseudoClassStateChanged(WARNING, !redis.role().equals("master"));
        Tables.replaceIfChanged(redisReplicas.getItems(), redis.replicas());
        Dashboard.KafkaReplication kafka = dashboard.kafkaReplication();
        Tables.replaceIfChanged(brokers.getItems(), kafka.brokers());
        replication.setText(Double.isNaN(kafka.underReplicated()) ? ""
                : String.format(Locale.ROOT, text.getString("kafka.replication"), kafka.underReplicated(), kafka.offline()));
        replication.pseudoClassStateChanged(WARNING, kafka.underReplicated() > 0 || kafka.offline() > 0);
        Tables.replaceIfChanged(backups.getItems(), state.backups());
        backupsNote.setText(state.backupsError() == null ? "" : "ADMIN".equals(state.backupsError())
                ? text.getString("backups.needsAdmin") : state.backupsError());
        List<Dashboard> window = thinned(state.window());
        long start = window.isEmpty() ? 0 : window.getFirst().at().toEpochMilli();
        heapSeries.getData().setAll(window.stream().map(d -> new XYChart.Data<Number, Number>((d.at().toEpochMilli() - start) / 1000.0,
                d.jvm().heapUsed() / MIB)).toList());
        lagSeries.getData().setAll(window.stream().map(d -> new XYChart.Data<Number, Number>((d.at().toEpochMilli() - start) / 1000.0,
                d.kafkaLag().isEmpty() ? 0 : d.kafkaLag().getFirst().lag())).toList());
        p95Series.getData().setAll(window.stream().filter(d -> !Double.isNaN(d.http().p95Seconds()))
                .map(d -> new XYChart.Data<Number, Number>((d.at().toEpochMilli() - start) / 1000.0, d.http().p95Seconds() * 1000)).toList());
    }

    /** A chart a few hundred pixels wide needs no more than {@value #CHART_POINTS} points: every k-th scrape, and the newest. */
    static List<Dashboard> thinned(List<Dashboard> window) {
        if (window.size() <= CHART_POINTS) {
            return window;
        }
        int step = (window.size() + CHART_POINTS - 1) / CHART_POINTS;
        List<Dashboard> kept = new java.util.ArrayList<>();
        for (int i = (window.size() - 1) % step; i < window.size(); i += step) {
            kept.add(window.get(i));
        }
        return kept;
    }

    private String fleetStatus(Monitor.State state) {
        if (state.staleSince() == null) {
            return state.latest() == null ? "..." : "OK";
        }
        return text.getString(state.latest() == null ? "fleet.down" : "fleet.stale");
    }

    /** A desktop notification the first time an alert fires (once per alert and series while it stays active). */
    private void notifyFiring(List<AlertEngine.Alert> active) {
        java.util.Set<String> firing = new java.util.HashSet<>();
        for (AlertEngine.Alert alert : active) {
            if (alert.state() == AlertEngine.State.FIRING) {
                String key = alert.name() + alert.labels();
                firing.add(key);
                if (silences.covering(alert).isEmpty() && notified.add(key)) {
                    org.controlsfx.control.Notifications.create().title(text.getString("alerts.fired") + " " + alert.name())
                            .text(alert.summary() + " (" + alert.labels().getOrDefault("instance", "") + ")").owner(getScene().getWindow())
                            .showWarning();
                }
            }
        }
        notified.retainAll(firing);
    }

    private javafx.scene.control.Button openIncidentButton() {
        javafx.scene.control.Button open = new javafx.scene.control.Button(text.getString("alerts.openIncident"));
        open.disableProperty().bind(alerts.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(event -> {
            AlertEngine.Alert alert = alerts.getSelectionModel().getSelectedItem();
            Monitor owner = monitors.stream().filter(m -> m.instance().equals(alert.labels().get("instance"))).findFirst().orElse(monitor);
            java.util.Map<String, Object> request = java.util.Map.of("title", alert.name() + ": " + alert.summary(), "severity", alert.severity(),
                    "source", "alert:" + alert.name() + new java.util.TreeMap<>(alert.labels()));
            background.run(() -> owner.client().postJson("/api/incidents", request),
                    incident -> status.setText(text.getString("alerts.incidentOpened") + " " + incident.path("id").asString()),
                    failure -> status.setText(text.getString("alerts.incidentFailed") + " " + failure.getMessage()));
        });
        return open;
    }

    /** Silence the selected alert: for how long, on which instances, and why (required). */
    private javafx.scene.control.Button silenceButton() {
        javafx.scene.control.Button silence = new javafx.scene.control.Button(text.getString("alerts.silence"));
        silence.setId("silence");
        silence.disableProperty().bind(alerts.getSelectionModel().selectedItemProperty().isNull());
        silence.setOnAction(event -> {
            AlertEngine.Alert alert = alerts.getSelectionModel().getSelectedItem();
            String instance = alert.labels().getOrDefault("instance", "");
            var dialog = new javafx.scene.control.Dialog<javafx.scene.control.ButtonType>();
            dialog.initOwner(getScene().getWindow());
            dialog.setTitle(text.getString("alerts.silence"));
            dialog.setHeaderText(alert.name() + " (" + instance + ")");
            var duration = new javafx.scene.control.ChoiceBox<java.time.Duration>(FXCollections.observableArrayList(
                    java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(1), java.time.Duration.ofHours(4), java.time.Duration.ofHours(24)));
            duration.setValue(java.time.Duration.ofHours(1));
            duration.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(java.time.Duration d) {
                    return d == null ? "" : d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
                }

                @Override
                public java.time.Duration fromString(String string) {
                    return null;
                }
            });
            var everywhere = new javafx.scene.control.CheckBox(text.getString("alerts.silence.everywhere"));
            var reason = new javafx.scene.control.TextField();
            reason.setId("silence-reason");
            reason.setPromptText(text.getString("alerts.silence.reasonPrompt"));
            reason.setPrefColumnCount(30);
            GridPane form = new GridPane(12, 12);
            form.addRow(0, new Label(text.getString("alerts.silence.duration")), duration);
            form.addRow(1, new Label(text.getString("alerts.silence.reason")), reason);
            form.add(everywhere, 1, 2);
            dialog.getDialogPane().setContent(form);
            dialog.getDialogPane().getButtonTypes().setAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
            dialog.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).disableProperty()
                    .bind(reason.textProperty().map(String::isBlank));
            if (dialog.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) == javafx.scene.control.ButtonType.OK) {
                Silences.Silence added = silences.add(alert.name(), everywhere.isSelected() ? "" : instance, duration.getValue(), reason.getText(), user);
                status.setText(String.format(text.getString("alerts.silenced"), alert.name(),
                        TIME.format(added.until().atZone(ZoneId.systemDefault())), added.reason()));
                alerts.refresh();
            }
        });
        return silence;
    }

    private javafx.scene.control.Button liftSilenceButton() {
        javafx.scene.control.Button lift = new javafx.scene.control.Button(text.getString("alerts.silence.lift"));
        lift.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            AlertEngine.Alert alert = alerts.getSelectionModel().getSelectedItem();
            return alert == null || silences.covering(alert).isEmpty();
        }, alerts.getSelectionModel().selectedItemProperty(), alerts.getItems()));
        lift.setOnAction(event -> {
            silences.covering(alerts.getSelectionModel().getSelectedItem()).ifPresent(silences::remove);
            alerts.refresh();
        });
        return lift;
    }

    private TableView<JsonNode> backupTable() {
        backups.getColumns().setAll(List.of(Tables.column(text.getString("backups.kind"), b -> b.path("kind").asString()),
                Tables.column(text.getString("backups.status"), b -> b.path("status").asString()),
                Tables.column(text.getString("backups.started"), b -> b.path("startedAt").asString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")),
                Tables.column(text.getString("backups.size"), b -> b.path("status").asString().equals("running")
                        ? size(b.path("bytesSoFar").asDouble()) + "..." : b.path("sizeBytes").isNull() ? "-" : size(b.path("sizeBytes").asDouble())),
                Tables.column(text.getString("backups.verification"), b -> b.path("verification").asString(""))));
        backups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        backups.setPlaceholder(new Label(text.getString("backups.none")));
        backups.setPrefHeight(160);
        return backups;
    }

    private javafx.scene.control.Button runBackupButton() {
        javafx.scene.control.Button run = new javafx.scene.control.Button(text.getString("backups.run"));
        run.setOnAction(event -> {
            javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    text.getString("backups.confirm"), javafx.scene.control.ButtonType.YES, javafx.scene.control.ButtonType.NO);
            confirm.setHeaderText(null);
            confirm.initOwner(getScene().getWindow());
            if (confirm.showAndWait().orElse(javafx.scene.control.ButtonType.NO) == javafx.scene.control.ButtonType.YES) {
                background.run(() -> monitor.client().postJson("/api/admin/backups", java.util.Map.of("kind", "all")),
                        started -> {
                            monitor.refreshBackups();
                            status.setText(text.getString("backups.started.now"));
                        },
                        failure -> status.setText(text.getString("backups.failed") + " " + failure.getMessage()));
            }
        });
        return run;
    }

    private TableView<Dashboard.RedisReplica> redisTable() {
        redisRole.setId("redis-role");
        redisReplicas.setId("redis-replicas");
        return compact(redisReplicas, 80, "redis.noReplica", List.of(Tables.column(text.getString("redis.replica"), Dashboard.RedisReplica::address),
                Tables.column(text.getString("redis.behind"), r -> number(r.behindBytes(), "%.0f B")),
                Tables.column(text.getString("redis.lag"), r -> number(r.lagSeconds(), "%.0f s"))));
    }

    private TableView<Dashboard.Broker> brokerTable() {
        replication.setId("kafka-replication");
        brokers.setId("kafka-brokers");
        return compact(brokers, 110, "kafka.noBrokers", List.of(Tables.column(text.getString("kafka.broker"), Dashboard.Broker::id),
                Tables.column(text.getString("kafka.state"), b -> text.getString(b.up() ? "kafka.up" : "kafka.down")),
                Tables.column(text.getString("kafka.leaders"), b -> String.format(Locale.ROOT, "%.0f", b.leaders())),
                Tables.column(text.getString("kafka.outOfSync"), b -> String.format(Locale.ROOT, "%.0f", b.outOfSync()))));
    }

    private TableView<Dashboard.Lag> lagTable() {
        return compact(lag, 120, "kafka.none", List.of(Tables.column(text.getString("kafka.group"), Dashboard.Lag::group),
                Tables.column(text.getString("kafka.topic"), Dashboard.Lag::topic), Tables.column(text.getString("kafka.partition"), Dashboard.Lag::partition),
                Tables.column(text.getString("kafka.lag"), l -> String.format(Locale.ROOT, "%.0f", l.lag()))));
    }

    /** A small table of a panel: its columns, the last one taking the width left, a fixed height, a message when empty. */
    private <T> TableView<T> compact(TableView<T> table, double height, String emptyKey, List<javafx.scene.control.TableColumn<T, String>> columns) {
        table.getColumns().setAll(columns);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(text.getString(emptyKey)));
        table.setPrefHeight(height);
        table.setMinHeight(height);
        return table;
    }

    private TableView<AlertEngine.Alert> alertTable() {
        alerts.getColumns().setAll(List.of(Tables.column(text.getString("alerts.name"), AlertEngine.Alert::name),
                Tables.column(text.getString("alerts.severity"), AlertEngine.Alert::severity),
                Tables.column(text.getString("fleet.instance"), a -> a.labels().getOrDefault("instance", "")),
                Tables.column(text.getString("alerts.state"), a -> text.getString("alerts.state." + a.state().name().toLowerCase(Locale.ROOT))),
                Tables.column(text.getString("alerts.since"), a -> TIME.format(a.activeSince().atZone(ZoneId.systemDefault()))),
                Tables.column(text.getString("alerts.silenced.column"), a -> silences.covering(a).map(s -> String.format(text.getString("alerts.silenced.until"),
                        TIME.format(s.until().atZone(ZoneId.systemDefault())), s.reason())).orElse(""))));
        alerts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label none = new Label(text.getString("alerts.none"));
        none.setWrapText(true);
        alerts.setPlaceholder(none);
        alerts.setPrefHeight(220);
        return alerts;
    }

    private LineChart<Number, Number> chart(XYChart.Series<Number, Number> series, String name) {
        NumberAxis x = new NumberAxis();
        x.setLabel(text.getString("chart.seconds"));
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(name);
        LineChart<Number, Number> chart = new LineChart<>(x, y, FXCollections.observableArrayList(List.of(series)));
        chart.setLegendVisible(false);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setPrefHeight(170);
        return chart;
    }

    private VBox panel(String title, javafx.scene.Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox panel = new VBox(8, heading);
        panel.getChildren().addAll(content);
        panel.getStyleClass().add("panel");
        panel.setPadding(new Insets(12));
        VBox.setVgrow(panel, Priority.ALWAYS);
        return panel;
    }

    private javafx.scene.Node row(String key, javafx.scene.Node value, javafx.scene.Node... more) {
        Label label = new Label(text.getString(key));
        label.setMinWidth(130);
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, label, value);
        row.getChildren().addAll(more);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.HBox.setHgrow(value, Priority.ALWAYS);
        return row;
    }

    private static void show(ProgressBar bar, Label label, double value) {
        bar.setProgress(fraction(value));
        label.setText(Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f %%", value * 100));
        label.setMinWidth(48);
    }

    private static Label value() {
        Label label = new Label("-");
        label.getStyleClass().add(Styles.TEXT_BOLD);
        return label;
    }

    private static ProgressBar bar() {
        ProgressBar bar = new ProgressBar(0);
        bar.setMaxWidth(Double.MAX_VALUE);
        return bar;
    }

    private static String size(double bytes) {
        return bytes >= MIB ? String.format(Locale.ROOT, "%.1f MiB", bytes / MIB) : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    private static double fraction(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
