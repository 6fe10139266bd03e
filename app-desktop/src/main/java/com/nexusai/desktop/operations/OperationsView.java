package com.nexusai.desktop.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Supplier;

import atlantafx.base.theme.Styles;
import com.nexusai.core.api.NexusClient;
import com.nexusai.desktop.Background;
import com.nexusai.desktop.Tables;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import tools.jackson.databind.JsonNode;

/**
 * What ops run on purpose (guide §5, §7): the maintenance calendar (jobs, next and last run, history,
 * run now on confirmation, to-dos marked done, the capacity review reports), the backups with restore
 * behind a typed confirmation, and the preflight checks of the selected instance.
 */
public final class OperationsView extends BorderPane {

    private final ResourceBundle text;
    private final Supplier<NexusClient> clients;
    private final Background background;
    private final TableView<JsonNode> jobs = new TableView<>();
    private final TableView<JsonNode> runs = new TableView<>();
    private final TextArea runSummary = new TextArea();
    private final TableView<JsonNode> backups = new TableView<>();
    private final ProgressBar restoreProgress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final TableView<JsonNode> checks = new TableView<>();
    private final Label message = new Label();

    public OperationsView(ResourceBundle text, Supplier<NexusClient> clients, Background background) {
        this.text = text;
        this.clients = clients;
        this.background = background;
        setId("operations");
        TabPane parts = new TabPane(part("ops.maintenance", maintenancePane()), part("ops.backups", backupsPane()),
                part("ops.preflight", preflightPane()));
        parts.setId("operations-parts");
        setCenter(parts);
        message.setId("operations-message");
        message.setWrapText(true);
        message.setPadding(new Insets(0, 12, 8, 12));
        setBottom(message);
        refresh();
    }

    private NexusClient client() {
        return clients.get();
    }

    public void refresh() {
        loadJobs();
        loadRuns();
        loadBackups();
        loadPreflight();
    }

    private Tab part(String key, Node content) {
        Tab tab = new Tab(text.getString(key), content);
        tab.setId(key);
        tab.setClosable(false);
        return tab;
    }

    // maintenance

    private Node maintenancePane() {
        jobs.setId("jobs");
        jobs.getColumns().setAll(List.of(column("ops.job", j -> j.path("name").asString()), column("ops.description", j -> j.path("description").asString()),
                column("ops.cron", j -> j.path("cron").asString()), column("ops.next", j -> Tables.time(j.path("nextRun").asString())),
                column("ops.last", j -> j.path("lastRun").isNull() || j.path("lastRun").isMissingNode() ? "-"
                        : Tables.time(j.path("lastRun").path("startedAt").asString()) + " " + j.path("lastRun").path("status").asString())));
        jobs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        jobs.getColumns().get(1).setPrefWidth(460);
        jobs.setMinHeight(280); // the six jobs of the calendar
        jobs.setPrefHeight(280);
        Button runNow = new Button(text.getString("ops.runNow"));
        runNow.setId("run-now");
        runNow.disableProperty().bind(jobs.getSelectionModel().selectedItemProperty().isNull());
        runNow.setOnAction(event -> {
            String job = jobs.getSelectionModel().getSelectedItem().path("name").asString();
            if (confirm(String.format(text.getString("ops.runConfirm"), job))) {
                act(() -> client().postJson("/api/admin/maintenance/" + job + "/run", Map.of()), String.format(text.getString("ops.started"), job));
            }
        });
        Button reload = new Button(text.getString("ops.refresh"));
        reload.setOnAction(event -> refresh());

        runs.setId("runs");
        runs.getColumns().setAll(List.of(column("ops.job", r -> r.path("job").asString()), column("ops.started.column", r -> Tables.time(r.path("startedAt").asString())),
                column("ops.status", r -> r.path("status").asString()), column("ops.by", r -> r.path("requestedBy").asString(r.path("trigger").asString())),
                column("ops.node", r -> r.path("node").asString())));
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        runs.setPlaceholder(new Label(text.getString("ops.noRun")));
        runs.getSelectionModel().selectedItemProperty().addListener((observable, before, run) -> runSummary.setText(run == null ? ""
                : run.path("summary").asString("") + (run.path("doneBy").asString("").isBlank() ? ""
                        : "\n\n" + String.format(text.getString("ops.doneBy"), run.path("doneBy").asString(), Tables.time(run.path("doneAt").asString())))));
        runSummary.setEditable(false);
        runSummary.setWrapText(true);
        runSummary.setId("run-summary");
        runSummary.setPrefRowCount(8);
        Button done = new Button(text.getString("ops.markDone"));
        done.disableProperty().bind(runs.getSelectionModel().selectedItemProperty().map(r -> !r.path("status").asString().equals("to-do")).orElse(true));
        done.setOnAction(event -> {
            String id = runs.getSelectionModel().getSelectedItem().path("id").asString();
            act(() -> client().postJson("/api/admin/maintenance/runs/" + id + "/done", Map.of()), text.getString("ops.marked"));
        });
        HBox jobActions = new HBox(8, runNow, reload);
        VBox pane = new VBox(8, heading("ops.calendar"), jobs, jobActions, heading("ops.history"), runs, new HBox(8, done), runSummary);
        VBox.setVgrow(runs, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private void loadJobs() {
        background.run(() -> client().getJson("/api/admin/maintenance"), list -> jobs.getItems().setAll(items(list)), this::refused);
    }

    private void loadRuns() {
        background.run(() -> client().getJson("/api/admin/maintenance/runs?limit=100"), list -> runs.getItems().setAll(items(list)), this::refused);
    }

    // backups

    private Node backupsPane() {
        backups.setId("backup-runs");
        backups.getColumns().setAll(List.of(column("ops.kind", b -> b.path("kind").asString()), column("ops.started.column", b -> Tables.time(b.path("startedAt").asString())),
                column("ops.status", b -> b.path("status").asString()),
                column("ops.size", b -> b.path("sizeBytes").isNumber() ? String.format(java.util.Locale.ROOT, "%.1f MiB", b.path("sizeBytes").asDouble() / 1048576) : "-"),
                column("ops.verification", b -> b.path("verification").asString("")), column("ops.id", b -> b.path("id").asString())));
        backups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button restore = new Button(text.getString("ops.restore"));
        restore.setId("restore");
        restore.getStyleClass().add(Styles.DANGER);
        restore.disableProperty().bind(backups.getSelectionModel().selectedItemProperty().map(b -> !b.path("status").asString().equals("succeeded")).orElse(true));
        restore.setOnAction(event -> restore(backups.getSelectionModel().getSelectedItem()));
        Button verify = new Button(text.getString("ops.verify"));
        verify.disableProperty().bind(restore.disableProperty());
        verify.setOnAction(event -> {
            String id = backups.getSelectionModel().getSelectedItem().path("id").asString();
            act(() -> client().postJson("/api/admin/backups/" + id + "/verify", Map.of()), text.getString("ops.verifyStarted"));
        });
        restoreProgress.setVisible(false);
        HBox actions = new HBox(8, restore, verify, restoreProgress);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox pane = new VBox(8, heading("ops.backups"), backups, actions);
        VBox.setVgrow(backups, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private void loadBackups() {
        background.run(() -> client().getJson("/api/admin/backups?limit=50"), list -> backups.getItems().setAll(items(list)), this::refused);
    }

    /** A restore replaces live data: the user types the backup's id to confirm it, and the server checks it again. */
    private void restore(JsonNode backup) {
        String id = backup.path("id").asString();
        TextField typed = new TextField();
        typed.setId("restore-confirm");
        typed.setPromptText(id);
        Label warning = new Label(String.format(text.getString("ops.restoreWarning"), backup.path("kind").asString(),
                Tables.time(backup.path("startedAt").asString()), id));
        warning.setWrapText(true);
        warning.setMaxWidth(560);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle(text.getString("ops.restore"));
        dialog.getDialogPane().setContent(new VBox(10, warning, typed));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(typed.textProperty().map(t -> !t.strip().equals(id)));
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        restoreProgress.setVisible(true);
        message.setText(text.getString("ops.restoring"));
        background.run(() -> client().postJson("/api/admin/backups/" + id + "/restore", Map.of("confirm", typed.getText().strip())), restored -> {
            restoreProgress.setVisible(false);
            message.getStyleClass().remove(Styles.DANGER);
            message.setText(String.format(text.getString("ops.restored"), id));
            refresh();
        }, failure -> {
            restoreProgress.setVisible(false);
            refused(failure);
        });
    }

    // preflight

    private Node preflightPane() {
        checks.setId("preflight");
        checks.getColumns().setAll(List.of(column("ops.check", c -> c.path("name").asString()), column("ops.status", c -> c.path("status").asString()),
                column("ops.found", c -> c.path("found").asString()), column("ops.expected", c -> c.path("expected").asString()),
                column("ops.advice", c -> c.path("advice").asString(""))));
        checks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button run = new Button(text.getString("ops.preflightRun"));
        run.setOnAction(event -> loadPreflight());
        VBox pane = new VBox(8, heading("ops.preflight"), run, checks);
        VBox.setVgrow(checks, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private void loadPreflight() {
        background.run(() -> client().getJson("/api/admin/preflight"), answer -> {
            checks.getItems().setAll(items(answer.path("checks")));
        }, this::refused);
    }

    // helpers

    private Label heading(String key) {
        Label heading = new Label(text.getString(key));
        heading.getStyleClass().add(Styles.TITLE_4);
        return heading;
    }

    private boolean confirm(String question) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.YES, ButtonType.NO);
        ask.initOwner(getScene().getWindow());
        ask.setHeaderText(null);
        return ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    private interface Call {
        Object call() throws Exception;
    }

    private void act(Call call, String done) {
        background.run(call::call, result -> {
            message.getStyleClass().remove(Styles.DANGER);
            message.setText(done);
            refresh();
        }, this::refused);
    }

    private void refused(Throwable failure) {
        message.getStyleClass().add(Styles.DANGER);
        message.setText(failure.getMessage());
    }

    private static List<JsonNode> items(JsonNode list) {
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return items;
    }

    private TableColumn<JsonNode, String> column(String key, Function<JsonNode, String> value) {
        return Tables.column(text.getString(key), value);
    }
}
