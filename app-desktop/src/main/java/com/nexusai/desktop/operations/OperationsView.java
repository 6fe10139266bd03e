package com.nexusai.desktop.operations;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import com.nexusai.core.backups.Backup;
import com.nexusai.core.maintenance.MaintenanceJob;
import com.nexusai.core.maintenance.MaintenanceRun;
import com.nexusai.core.preflight.PreflightCheck;
import com.nexusai.core.api.Permission;
import com.nexusai.desktop.platform.RoleGuard;
import com.nexusai.desktop.platform.Tables;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The operations of the guide for an admin: the maintenance calendar (§7) with its history, the backups (§5) with
 * restore and verification, and the preflight checks (§1, §2.1). Built from and bound to its {@link OperationsViewModel}.
 */
public final class OperationsView extends BorderPane {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ResourceBundle text;
    private final OperationsViewModel model;

    public OperationsView(ResourceBundle text, OperationsViewModel model) {
        this.text = text;
        this.model = model;
        setId("operations");
        TabPane parts = new TabPane(part("ops.maintenance", maintenancePane()), part("ops.backups", backupsPane()),
                part("ops.preflight", preflightPane()));
        parts.setId("operations-parts");
        setCenter(parts);
        Label message = new Label();
        message.setId("operations-message");
        message.setWrapText(true);
        message.setPadding(new Insets(0, 12, 8, 12));
        message.getStyleClass().add("message");
        message.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((observable, was, is) -> message.pseudoClassStateChanged(FAILED, is));
        setBottom(message);
        model.refresh();
    }

    private Tab part(String key, Node content) {
        Tab tab = new Tab(text.getString(key), content);
        tab.setId(key);
        tab.setClosable(false);
        return tab;
    }

    private Node maintenancePane() {
        TableView<MaintenanceJob> jobs = new TableView<>(model.jobs());
        jobs.setPlaceholder(new Label(text.getString("ops.noJob")));
        jobs.setId("jobs");
        jobs.getColumns().setAll(List.of(column("ops.job", MaintenanceJob::name), column("ops.description", MaintenanceJob::description),
                column("ops.cron", MaintenanceJob::cron), column("ops.next", j -> time(j.nextRun())),
                column("ops.last", j -> j.lastRun() == null ? "-" : time(j.lastRun().startedAt()) + " " + j.lastRun().status())));
        jobs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        jobs.getColumns().get(1).setPrefWidth(460);
        jobs.setMinHeight(280); // the six jobs of the calendar
        jobs.setPrefHeight(280);
        model.selectedJobProperty().bind(jobs.getSelectionModel().selectedItemProperty());
        Button runNow = new Button(text.getString("ops.runNow"));
        runNow.setId("run-now");
        runNow.disableProperty().bind(model.selectedJobProperty().isNull());
        runNow.setOnAction(event -> model.runChosenJob());
        Button reload = new Button(text.getString("ops.refresh"));
        reload.setOnAction(event -> model.refresh());

        TableView<MaintenanceRun> runs = new TableView<>(model.runs());
        runs.setId("runs");
        runs.getColumns().setAll(List.of(column("ops.job", MaintenanceRun::job), column("ops.started.column", r -> time(r.startedAt())),
                column("ops.status", MaintenanceRun::status), column("ops.by", MaintenanceRun::startedBy), column("ops.node", MaintenanceRun::node)));
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        runs.setPlaceholder(new Label(text.getString("ops.noRun")));
        model.selectedRunProperty().bind(runs.getSelectionModel().selectedItemProperty());
        TextArea runSummary = new TextArea();
        runSummary.textProperty().bind(model.selectedRunProperty().map(model::summaryOf).orElse(""));
        runSummary.setEditable(false);
        runSummary.setWrapText(true);
        runSummary.setId("run-summary");
        runSummary.setPrefRowCount(8);
        Button done = new Button(text.getString("ops.markDone"));
        done.disableProperty().bind(model.canMarkDone().not());
        done.setOnAction(event -> model.markChosenRunDone());
        HBox jobActions = new HBox(8, RoleGuard.guard(runNow, model.grants(), Permission.RUN_MAINTENANCE, text), reload);
        VBox pane = new VBox(8, heading("ops.calendar"), jobs, jobActions, heading("ops.history"), runs,
                new HBox(8, RoleGuard.guard(done, model.grants(), Permission.RUN_MAINTENANCE, text)), runSummary);
        VBox.setVgrow(runs, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private Node backupsPane() {
        TableView<Backup> backups = new TableView<>(model.backups());
        backups.setId("backup-runs");
        backups.setPlaceholder(new Label(text.getString("backups.none")));
        backups.getColumns().setAll(List.of(column("ops.kind", Backup::kind), column("ops.started.column", b -> time(b.startedAt())),
                column("ops.status", b -> b.status().name().toLowerCase(Locale.ROOT)),
                column("ops.size", b -> b.sizeBytes() == null ? "-" : String.format(Locale.ROOT, "%.1f %s", b.sizeBytes() / 1048576.0, text.getString("unit.mib"))),
                column("ops.verification", b -> b.verification() == null ? "" : b.verification()), column("ops.id", Backup::id)));
        backups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        model.selectedBackupProperty().bind(backups.getSelectionModel().selectedItemProperty());
        Button restore = new Button(text.getString("ops.restore"));
        restore.setId("restore");
        restore.getStyleClass().add(Styles.DANGER);
        restore.disableProperty().bind(model.canUseBackup().not().or(model.restoringProperty()));
        restore.setOnAction(event -> model.restoreChosenBackup());
        Button verify = new Button(text.getString("ops.verify"));
        verify.disableProperty().bind(restore.disableProperty());
        verify.setOnAction(event -> model.verifyChosenBackup());
        ProgressBar restoreProgress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        restoreProgress.setId("restore-progress");
        restoreProgress.setPrefWidth(260);
        restoreProgress.progressProperty().bind(model.jobProgressProperty());
        restoreProgress.visibleProperty().bind(model.restoringProperty());
        HBox actions = new HBox(8, RoleGuard.guard(restore, model.grants(), Permission.MANAGE_BACKUPS, text),
                RoleGuard.guard(verify, model.grants(), Permission.MANAGE_BACKUPS, text), restoreProgress);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox pane = new VBox(8, heading("ops.backups"), backups, actions);
        VBox.setVgrow(backups, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private Node preflightPane() {
        TableView<PreflightCheck> checks = new TableView<>(model.checks());
        checks.setId("preflight");
        checks.setPlaceholder(new Label(text.getString("ops.noCheck")));
        checks.getColumns().setAll(List.of(column("ops.check", PreflightCheck::name), column("ops.status", PreflightCheck::status),
                column("ops.found", PreflightCheck::found), column("ops.expected", PreflightCheck::expected),
                column("ops.advice", c -> c.advice() == null ? "" : c.advice())));
        checks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button run = new Button(text.getString("ops.preflightRun"));
        run.setOnAction(event -> model.runPreflight());
        VBox pane = new VBox(8, heading("ops.preflight"), RoleGuard.guard(run, model.grants(), Permission.RUN_PREFLIGHT, text), checks);
        VBox.setVgrow(checks, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private Label heading(String key) {
        Label heading = new Label(text.getString(key));
        heading.getStyleClass().add(Styles.TITLE_4);
        return heading;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : Tables.time(instant.toString());
    }

    private <T> TableColumn<T, String> column(String key, Function<T, String> value) {
        return Tables.column(text.getString(key), value);
    }
}
