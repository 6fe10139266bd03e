package com.nexusai.desktop.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.backups.Backup;
import com.nexusai.core.dashboard.Dashboard;
import com.nexusai.desktop.platform.FirstFrame;
import com.nexusai.core.api.Permission;
import com.nexusai.desktop.platform.RoleGuard;
import com.nexusai.desktop.platform.Shown;
import com.nexusai.desktop.platform.Tables;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;

/**
 * The live panels of the guide's §3: JVM, HTTP, connection pool, Kafka lag, host, alerts, backups. It only builds
 * controls, binds them to its {@link DashboardViewModel} and forwards the user's actions to it; the view-model says
 * when the selected instance has a new state (at most once per pulse), and the panels are drawn from it.
 */
public final class DashboardView extends BorderPane {

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final ResourceBundle text;
    private final DashboardViewModel model;
    private final ChoiceBox<InstanceFeed> instance = new ChoiceBox<>();
    private final Label fleet = new Label();
    private final XYChart.Series<Number, Number> heapSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> p95Series = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> lagSeries = new XYChart.Series<>();
    private final List<NumberAxis> timeAxes = new java.util.ArrayList<>();
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
    private final TableView<Dashboard.Broker> brokers = new TableView<>();
    private final Label replication = value();
    private final Label redisRole = value();
    private final TableView<Dashboard.RedisReplica> redisReplicas = new TableView<>();
    private final TableView<AlertEngine.Alert> alerts = new TableView<>();
    private final TableView<Backup> backups = new TableView<>();
    private final Label backupsNote = new Label();
    private final StatusBar status = new StatusBar();
    private final FirstFrame firstFrame = new FirstFrame();

    public DashboardView(ResourceBundle text, DashboardViewModel model) {
        this.text = text;
        this.model = model;
        alerts.setId("alerts");
        instance.setId("instance");
        fleet.setId("fleet");
        status.setId("status");
        instance.getItems().setAll(model.instances());
        instance.valueProperty().bindBidirectional(model.selectedProperty());
        instance.setConverter(Shown.as(InstanceFeed::instance));
        fleet.textProperty().bind(model.fleetProperty());
        ChoiceBox<ChartRange> range = new ChoiceBox<>(FXCollections.observableArrayList(ChartRange.values()));
        range.setId("chart-range");
        range.setConverter(Shown.as(model::rangeName));
        range.valueProperty().bindBidirectional(model.rangeProperty());
        Label rangeLabel = new Label(text.getString("range.label"));
        rangeLabel.setLabelFor(range);
        HBox instances = new HBox(12, new Label(text.getString("fleet.instance")), instance, rangeLabel, range, fleet);
        instances.setAlignment(Pos.CENTER_LEFT);
        instances.setPadding(new Insets(12, 16, 0, 16));
        setTop(instances);
        GridPane panels = new GridPane(16, 16);
        panels.setPadding(new Insets(16));
        HBox alertActions = new HBox(8, RoleGuard.guard(openIncidentButton(), model.grants(), Permission.HANDLE_INCIDENTS, text),
                acknowledgeButton(), silenceButton(), liftSilenceButton(), historyButton());
        Node backupPanel = panel(text.getString("panel.backups"), backupTable(), backupsNote,
                RoleGuard.guard(runBackupButton(), model.grants(), Permission.MANAGE_BACKUPS, text));
        if (model.metricsReadable()) {
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
            panels.add(panel(text.getString("panel.alerts"), alertTable(), alertActions), 1, 1, 2, 1);
        } else {
            // no metric panels to leave empty: the alerts the servers raise themselves, and why the rest is missing
            Label why = new Label(model.metricsNote());
            why.setId("metrics-denied");
            why.setWrapText(true);
            why.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
            panels.add(panel(text.getString("panel.alerts"), why, alertTable(), alertActions), 0, 1, 3, 1);
        }
        panels.add(backupPanel, 0, 2, 3, 1);
        for (int column = 0; column < 3; column++) {
            var constraints = new javafx.scene.layout.ColumnConstraints();
            constraints.setPercentWidth(100 / 3.0);
            panels.getColumnConstraints().add(constraints);
        }
        ScrollPane scroll = new ScrollPane(panels);
        scroll.setFitToWidth(true); // a small screen scrolls rather than cutting panels or the status bar
        setCenter(scroll);
        status.textProperty().bind(model.statusProperty());
        status.pseudoClassStateChanged(STALE, model.staleProperty().get());
        model.staleProperty().addListener((observable, was, is) -> status.pseudoClassStateChanged(STALE, is));
        setBottom(status);
        model.stateProperty().addListener((observable, before, state) -> draw(state));
        draw(model.stateProperty().get());
    }

    public DashboardViewModel model() {
        return model;
    }

    private void draw(Monitor.State state) {
        Dashboard dashboard = state.latest();
        if (dashboard != null) {
            firstFrame.shown("dashboard", getScene());
            drawPanels(state, dashboard);
        } else if (state.alertsRead() != null) {
            firstFrame.shown("dashboard", getScene());
            Tables.replaceIfChanged(backups.getItems(), state.backups());
            backupsNote.setText(model.backupsNote(state));
        }
    }

    private static final double MIB = 1024 * 1024;

    private void drawPanels(Monitor.State state, Dashboard dashboard) {
        Panels panels = model.panels(state);
        heap.setText(panels.heap());
        nonHeap.setText(panels.nonHeap());
        threads.setText(panels.threads());
        gc.setText(panels.gcPauses());
        requests.setText(panels.requests());
        errors.setText(panels.errors());
        p95.setText(panels.p95());
        poolUsage.setProgress(panels.poolUsage());
        poolNumbers.setText(panels.pool());
        show(cpu, cpuText, dashboard.host().cpu());
        show(memory, memoryText, dashboard.host().memory());
        show(disk, diskText, dashboard.host().disk());
        Tables.replaceIfChanged(lag.getItems(), dashboard.kafkaLag());
        databaseReplica.setId("db-replica");
        databaseReplica.setVisible(!panels.replica().isEmpty());
        databaseReplica.setManaged(!panels.replica().isEmpty());
        databaseReplica.setText(panels.replica());
        databaseReplica.pseudoClassStateChanged(WARNING, panels.replicaWarning());
        redisRole.setText(panels.redisRole());
        redisRole.pseudoClassStateChanged(WARNING, panels.redisWarning());
        Tables.replaceIfChanged(redisReplicas.getItems(), dashboard.redis().replicas());
        Tables.replaceIfChanged(brokers.getItems(), dashboard.kafkaReplication().brokers());
        replication.setText(panels.replication());
        replication.pseudoClassStateChanged(WARNING, panels.replicationWarning());
        Tables.replaceIfChanged(backups.getItems(), state.backups());
        backupsNote.setText(panels.backupsNote());
        long to = dashboard.at().toEpochMilli();
        long from = to - state.history().range().span().toMillis();
        for (NumberAxis x : timeAxes) {
            x.setLowerBound(from);
            x.setUpperBound(to);
            x.setTickUnit((to - from) / 6.0);
        }
        draw(heapSeries, panels.heapTrend());
        draw(lagSeries, panels.lagTrend());
        draw(p95Series, panels.p95Trend());
    }

    private static void draw(XYChart.Series<Number, Number> series, List<MinMaxThinning.Point> trend) {
        series.getData().setAll(trend.stream().map(p -> new XYChart.Data<Number, Number>(p.at(), p.value())).toList());
    }

    private Button openIncidentButton() {
        Button open = new Button(text.getString("alerts.openIncident"));
        open.disableProperty().bind(model.alertChosen().not());
        open.setOnAction(event -> model.openIncident());
        return open;
    }

    private Button historyButton() {
        Button history = new Button(text.getString("history.open"));
        history.setId("alert-history");
        history.setOnAction(event -> {
            AlertHistoryViewModel historyModel = model.alertHistory();
            javafx.stage.Stage window = new javafx.stage.Stage();
            window.initOwner(getScene().getWindow());
            window.setTitle(text.getString("history.title"));
            window.setScene(new javafx.scene.Scene(new AlertHistoryView(historyModel, text), 1120, 560));
            window.getScene().getStylesheets().setAll(getScene().getStylesheets());
            window.show();
            historyModel.load();
        });
        return history;
    }

    private Button acknowledgeButton() {
        Button acknowledge = new Button(text.getString("alerts.acknowledge"));
        acknowledge.setId("acknowledge");
        acknowledge.disableProperty().bind(model.acknowledgeable().not());
        acknowledge.setOnAction(event -> model.acknowledgeChosenAlert());
        return acknowledge;
    }

    private Button silenceButton() {
        Button silence = new Button(text.getString("alerts.silence"));
        silence.setId("silence");
        silence.disableProperty().bind(model.alertChosen().not());
        silence.setOnAction(event -> model.silenceChosenAlert());
        return silence;
    }

    private Button liftSilenceButton() {
        Button lift = new Button(text.getString("alerts.silence.lift"));
        lift.disableProperty().bind(model.silenceToLift().not());
        lift.setOnAction(event -> model.liftSilence());
        return lift;
    }

    private TableView<Backup> backupTable() {
        backups.getColumns().setAll(List.of(Tables.column(text.getString("backups.kind"), Backup::kind),
                Tables.column(text.getString("backups.status"), b -> b.status().name().toLowerCase(Locale.ROOT)),
                Tables.column(text.getString("backups.started"), b -> b.startedAt() == null ? "" : Tables.time(b.startedAt().toString())),
                Tables.column(text.getString("backups.size"), b -> b.running() ? size(b.bytesSoFar()) + "..." : b.sizeBytes() == null ? "-"
                        : size(b.sizeBytes())),
                Tables.column(text.getString("backups.verification"), b -> b.verification() == null ? "" : b.verification())));
        backups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        backups.setPlaceholder(new Label(text.getString("backups.none")));
        backups.setPrefHeight(160);
        return backups;
    }

    private Button runBackupButton() {
        Button run = new Button(text.getString("backups.run"));
        run.setOnAction(event -> model.runBackup());
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
                Tables.column(text.getString("alerts.since"), a -> model.clockTime(a.activeSince())),
                Tables.column(text.getString("alerts.silenced.column"), model::silenceOf),
                Tables.column(text.getString("alerts.taken"), model::takenOf)));
        // who took an alert and what silences it change without the alert changing: redraw the rows then
        model.recordedVersionProperty().addListener((observable, before, now) -> alerts.refresh());
        alerts.setItems(model.alerts());
        alerts.getSelectionModel().selectedItemProperty().addListener((observable, before, chosen) -> {
            if (chosen != null || !model.alerts().isEmpty()) { // emptied by a refresh: the model keeps or drops the choice itself
                model.selectedAlertProperty().set(chosen);
            }
        });
        model.selectedAlertProperty().addListener((observable, before, chosen) -> {
            if (chosen != alerts.getSelectionModel().getSelectedItem()) {
                if (chosen == null) {
                    alerts.getSelectionModel().clearSelection();
                } else {
                    alerts.getSelectionModel().select(chosen);
                }
            }
        });
        alerts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label none = new Label(text.getString("alerts.none"));
        none.setWrapText(true);
        alerts.setPlaceholder(none);
        alerts.setPrefHeight(190); // its actions stay in view under the menus on a 900-pixel window
        return alerts;
    }

    /** A line over wall-clock time (the instance's scrapes, in local time); its name above it, where no language cuts it. */
    private LineChart<Number, Number> chart(XYChart.Series<Number, Number> series, String name) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setAutoRanging(false); // the chosen range, back from the newest scrape: every chart says the same stretch of time
        timeAxes.add(x);
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number epochMillis) {
                return model.axisTime(java.time.Instant.ofEpochMilli(epochMillis.longValue()));
            }

            @Override
            public Number fromString(String string) {
                throw new UnsupportedOperationException("a time axis is not edited");
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y, FXCollections.observableArrayList(List.of(series)));
        chart.setTitle(name);
        chart.getStyleClass().add("trend");
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

    private String size(Long bytes) {
        return bytes == null ? "-" : size(bytes.doubleValue());
    }

    private String size(double bytes) {
        return bytes >= MIB ? String.format(Locale.ROOT, "%.1f %s", bytes / MIB, text.getString("unit.mib"))
                : String.format(Locale.ROOT, "%.1f %s", bytes / 1024, text.getString("unit.kib"));
    }

    private static double fraction(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
