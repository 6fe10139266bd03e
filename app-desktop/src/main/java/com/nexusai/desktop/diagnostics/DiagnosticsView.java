package com.nexusai.desktop.diagnostics;

import java.util.List;
import java.util.ResourceBundle;

import com.nexusai.core.diagnostics.HealthNode;
import com.nexusai.core.diagnostics.ThreadDump;
import com.nexusai.core.api.Permission;
import com.nexusai.desktop.platform.RoleGuard;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The diagnostics of the guide's §6.2 in four parts: health, threads, the live log with logger levels, and a heap
 * dump. Built from and bound to its {@link DiagnosticsViewModel}; the log is followed while its part is shown.
 */
public final class DiagnosticsView extends BorderPane {

    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass DEADLOCKED = PseudoClass.getPseudoClass("deadlocked");
    private static final PseudoClass LOG_ERROR = PseudoClass.getPseudoClass("log-error");
    private static final PseudoClass LOG_WARN = PseudoClass.getPseudoClass("log-warn");

    private final ResourceBundle text;
    private final DiagnosticsViewModel model;

    public DiagnosticsView(ResourceBundle text, DiagnosticsViewModel model) {
        this.text = text;
        this.model = model;
        setId("diagnostics");
        TabPane parts = new TabPane(part("diag.health", healthPane()), part("diag.threads", threadsPane()), part("diag.logs", logsPane()),
                part("diag.heap", heapPane()));
        parts.setId("diagnostics-parts");
        parts.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) -> {
            if (selected.getId().equals("diag.logs")) {
                model.follow();
            } else {
                model.stopFollowing();
            }
        });
        setCenter(parts);
        model.loadHealth();
        model.loadThreads();
    }

    public DiagnosticsViewModel model() {
        return model;
    }

    private Tab part(String key, Node content) {
        Tab tab = new Tab(text.getString(key), content);
        tab.setId(key);
        tab.setClosable(false);
        return tab;
    }

    private Node healthPane() {
        Button reload = new Button(text.getString("diag.refresh"));
        reload.setOnAction(event -> model.loadHealth());
        TreeView<String> health = new TreeView<>();
        health.setId("health");
        model.healthProperty().addListener((observable, before, root) -> {
            TreeItem<String> item = item(root);
            item.setExpanded(true);
            health.setRoot(item);
        });
        Label note = new Label();
        note.setWrapText(true);
        note.textProperty().bind(model.healthNoteProperty());
        VBox pane = new VBox(8, new HBox(8, reload, note), health);
        VBox.setVgrow(health, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    /** A component, its status first, then its parts and details; what is not UP is open. */
    private static TreeItem<String> item(HealthNode node) {
        TreeItem<String> item = new TreeItem<>(node.label());
        node.children().forEach(child -> item.getChildren().add(item(child)));
        item.setExpanded(node.value() == null && !node.up());
        return item;
    }

    private Node threadsPane() {
        Button reload = new Button(text.getString("diag.threads.take"));
        reload.setOnAction(event -> model.loadThreads());
        TextField search = new TextField();
        search.setId("thread-search");
        search.setPromptText(text.getString("diag.search"));
        search.textProperty().bindBidirectional(model.threadSearchProperty());
        ChoiceBox<String> state = new ChoiceBox<>(model.threadStates());
        state.setId("thread-state");
        state.setMinWidth(150);
        state.valueProperty().bindBidirectional(model.threadStateProperty());
        Button copy = new Button(text.getString("diag.copy"));
        copy.setOnAction(event -> copy(model.dumpText()));
        Button export = new Button(text.getString("diag.export"));
        export.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("threads.txt");
            java.io.File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                model.exportDump(file.toPath());
            }
        });
        ListView<ThreadDump.Thread> threads = new ListView<>(model.threads());
        threads.setId("threads");
        threads.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ThreadDump.Thread thread, boolean empty) {
                super.updateItem(thread, empty);
                boolean locked = !empty && thread != null && model.deadlocked(thread);
                pseudoClassStateChanged(DEADLOCKED, locked);
                setText(empty || thread == null ? null : (locked ? "⚠ " : "") + thread.name() + "  [" + thread.state() + "]");
            }
        });
        TextArea stack = new TextArea();
        stack.setEditable(false);
        stack.getStyleClass().add("code");
        stack.textProperty().bind(threads.getSelectionModel().selectedItemProperty().map(DiagnosticsViewModel::stackOf).orElse(""));
        Label summary = new Label();
        summary.setId("thread-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("message");
        summary.textProperty().bind(model.threadSummaryProperty());
        model.deadlockProperty().addListener((observable, was, is) -> summary.pseudoClassStateChanged(DANGER, is));
        HBox tools = new HBox(8, RoleGuard.guard(reload, model.grants(), Permission.TAKE_THREAD_DUMPS, text), state, search, copy, export);
        tools.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        SplitPane split = new SplitPane(threads, stack);
        split.setDividerPositions(0.35);
        VBox pane = new VBox(8, tools, summary, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private Node logsPane() {
        ChoiceBox<String> level = new ChoiceBox<>(FXCollections.observableArrayList(DiagnosticsViewModel.ALL_LEVELS, "INFO", "WARN", "ERROR"));
        level.setId("log-level");
        level.valueProperty().bindBidirectional(model.logLevelProperty());
        level.setOnAction(event -> model.follow());
        TextField search = new TextField();
        search.setId("log-search");
        search.setPromptText(text.getString("diag.logs.search"));
        search.textProperty().bindBidirectional(model.logSearchProperty());
        search.setOnAction(event -> model.follow());
        ToggleButton pause = new ToggleButton();
        pause.setId("log-pause");
        pause.selectedProperty().bindBidirectional(model.logPausedProperty());
        pause.textProperty().bind(model.logPausedProperty().map(paused -> text.getString(paused ? "diag.logs.resume" : "diag.logs.pause")));
        ListView<String> log = new ListView<>(model.logLines());
        log.setId("log");
        log.getStyleClass().add("code");
        log.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
                pseudoClassStateChanged(LOG_ERROR, !empty && line != null && line.contains(" ERROR "));
                pseudoClassStateChanged(LOG_WARN, !empty && line != null && !line.contains(" ERROR ") && line.contains(" WARN "));
            }
        });
        // the newest line stays in view
        model.logLines().addListener((javafx.collections.ListChangeListener<String>) change -> {
            if (!model.logLines().isEmpty()) {
                log.scrollTo(model.logLines().size() - 1);
            }
        });
        Button copy = new Button(text.getString("diag.copy"));
        copy.setOnAction(event -> copy(String.join("\n", model.logLines())));
        Label note = new Label();
        note.setId("log-note");
        note.textProperty().bind(model.logNoteProperty());
        HBox tools = new HBox(8, new Label(text.getString("diag.logs.level")), level, search, pause, copy);
        tools.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        VBox pane = new VBox(8, tools, note, log, loggerLevels());
        VBox.setVgrow(log, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private Node loggerLevels() {
        TextField logger = new TextField();
        logger.setId("logger-name");
        logger.textProperty().bindBidirectional(model.loggerNameProperty());
        String inherit = text.getString("diag.loggers.inherit");
        ChoiceBox<String> level = new ChoiceBox<>(FXCollections.observableArrayList(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", inherit)));
        level.setValue("DEBUG");
        Label current = new Label();
        current.setId("logger-current");
        current.textProperty().bind(model.loggerNoteProperty());
        Button read = new Button(text.getString("diag.loggers.read"));
        read.setOnAction(event -> model.readLogger());
        Button apply = new Button(text.getString("diag.loggers.apply"));
        apply.setId("logger-apply");
        apply.setOnAction(event -> model.setLogger(level.getValue().equals(inherit) ? null : level.getValue()));
        HBox row = new HBox(8, new Label(text.getString("diag.loggers")), logger, level, read,
                RoleGuard.guard(apply, model.grants(), Permission.SET_LOG_LEVELS, text), current);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(logger, Priority.ALWAYS);
        return row;
    }

    private Node heapPane() {
        Label explain = new Label(text.getString("diag.heap.explain"));
        explain.setWrapText(true);
        TextField reason = new TextField();
        reason.setId("heap-reason");
        reason.setPromptText(text.getString("diag.heap.reason"));
        reason.setPrefColumnCount(32);
        reason.textProperty().bindBidirectional(model.heapReasonProperty());
        Button download = new Button(text.getString("diag.heap.download"));
        download.setId("heap-download");
        download.disableProperty().bind(model.canDownloadHeap().not());
        download.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("nexusai-heap.hprof");
            java.io.File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                model.downloadHeap(file.toPath());
            }
        });
        Button cancel = new Button(text.getString("diag.heap.cancel"));
        cancel.disableProperty().bind(model.heapRunningProperty().not());
        cancel.setOnAction(event -> model.cancelHeap());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(420);
        progress.progressProperty().bind(model.heapProgressProperty());
        progress.visibleProperty().bind(model.heapRunningProperty());
        Label note = new Label();
        note.setId("heap-note");
        note.setWrapText(true);
        note.textProperty().bind(model.heapNoteProperty());
        VBox pane = new VBox(12, explain, new HBox(8, reason, RoleGuard.guard(download, model.grants(), Permission.DOWNLOAD_HEAP_DUMPS, text), cancel), progress, note);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private static void copy(String content) {
        ClipboardContent clip = new ClipboardContent();
        clip.putString(content);
        Clipboard.getSystemClipboard().setContent(clip);
    }
}
