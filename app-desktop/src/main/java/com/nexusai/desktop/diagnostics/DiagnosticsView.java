package com.nexusai.desktop.diagnostics;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import atlantafx.base.theme.Styles;
import com.nexusai.core.api.EventStream;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.diagnostics.ThreadDump;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.beans.binding.Bindings;
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
import tools.jackson.databind.JsonNode;

/**
 * The guide's §6.2 from the console, on the instance selected on the dashboard: the health of each
 * component, the thread dump (by state, searchable, deadlocks first and marked), a heap dump downloaded
 * with progress and cancel, and the live log with its level filter, search, pause, and logger levels.
 * Roles are the server's: a refusal shows its reason in place.
 */
public final class DiagnosticsView extends BorderPane {

    private static final int LOG_LINES_KEPT = 5_000;

    private final ResourceBundle text;
    private final Supplier<NexusClient> clients;
    private final TaskExecutor background;

    private final TreeView<String> health = new TreeView<>();
    private final Label healthNote = new Label();

    private final ListView<ThreadDump.Thread> threads = new ListView<>();
    private final TextArea stack = new TextArea();
    private final TextField threadSearch = new TextField();
    private final ChoiceBox<String> threadState = new ChoiceBox<>();
    private final Label threadSummary = new Label();
    private String dumpText = "";
    private ThreadDump dump = ThreadDump.parse("");

    private final ProgressBar heapProgress = new ProgressBar(0);
    private final Label heapNote = new Label();
    private final AtomicBoolean heapCancelled = new AtomicBoolean();
    private final Button heapCancel = new Button();
    private final TextField heapReason = new TextField();

    private final ListView<String> log = new ListView<>();
    private final ChoiceBox<String> logLevel = new ChoiceBox<>(FXCollections.observableArrayList("ALL", "INFO", "WARN", "ERROR"));
    private final TextField logSearch = new TextField();
    private final ToggleButton logPause = new ToggleButton();
    private final Label logNote = new Label();
    private final Deque<String> logArrived = new ArrayDeque<>();
    private final AtomicBoolean logFlushQueued = new AtomicBoolean();
    private volatile EventStream following;
    /** Which call of {@link #follow()} the lines are for: only the latest stream's lines are shown. */
    private final java.util.concurrent.atomic.AtomicInteger followGeneration = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean paused;

    public DiagnosticsView(ResourceBundle text, Supplier<NexusClient> clients, TaskExecutor background) {
        this.text = text;
        this.clients = clients;
        this.background = background;
        setId("diagnostics");
        TabPane parts = new TabPane(part("diag.health", healthPane()), part("diag.threads", threadsPane()), part("diag.logs", logsPane()),
                part("diag.heap", heapPane()));
        parts.setId("diagnostics-parts");
        parts.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) -> {
            if (selected.getId().equals("diag.logs")) {
                follow();
            } else {
                stopFollowing();
            }
        });
        setCenter(parts);
        loadHealth();
        loadThreads();
    }

    private NexusClient client() {
        return clients.get();
    }

    private Tab part(String key, javafx.scene.Node content) {
        Tab tab = new Tab(text.getString(key), content);
        tab.setId(key);
        tab.setClosable(false);
        return tab;
    }

    // health

    private javafx.scene.Node healthPane() {
        Button reload = new Button(text.getString("diag.refresh"));
        reload.setOnAction(event -> loadHealth());
        health.setId("health");
        healthNote.setWrapText(true);
        VBox pane = new VBox(8, new HBox(8, reload, healthNote), health);
        VBox.setVgrow(health, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private void loadHealth() {
        background.run(() -> client().getJson("/actuator/health"), answer -> {
            TreeItem<String> root = node("health", answer);
            root.setExpanded(true);
            health.setRoot(root);
            healthNote.setText(client().base().getAuthority());
        }, failure -> healthNote.setText(failure.getMessage()));
    }

    /** A component, its status first, then its parts and details. */
    private static TreeItem<String> node(String name, JsonNode component) {
        String status = component.path("status").asString("");
        TreeItem<String> item = new TreeItem<>(status.isEmpty() ? name : name + ": " + status);
        component.path("components").properties().forEach(part -> item.getChildren().add(node(part.getKey(), part.getValue())));
        component.path("details").properties().forEach(detail -> item.getChildren().add(detail.getValue().isContainer()
                ? node(detail.getKey(), detail.getValue()) : new TreeItem<>(detail.getKey() + " = " + detail.getValue().asString())));
        item.setExpanded(!"UP".equals(status));
        return item;
    }

    // threads

    private javafx.scene.Node threadsPane() {
        Button reload = new Button(text.getString("diag.threads.take"));
        reload.setOnAction(event -> loadThreads());
        threadSearch.setId("thread-search");
        threadSearch.setPromptText(text.getString("diag.search"));
        threadSearch.textProperty().addListener((observable, before, after) -> showThreads());
        threadState.setId("thread-state");
        threadState.setMinWidth(150);
        threadState.setOnAction(event -> showThreads());
        Button copy = new Button(text.getString("diag.copy"));
        copy.setOnAction(event -> copy(dumpText));
        Button export = new Button(text.getString("diag.export"));
        export.setOnAction(event -> export(dumpText, "threads.txt"));
        threads.setId("threads");
        threads.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ThreadDump.Thread thread, boolean empty) {
                super.updateItem(thread, empty);
                getStyleClass().remove("deadlocked");
                if (empty || thread == null) {
                    setText(null);
                    return;
                }
                boolean locked = dump.deadlocked().contains(thread.name());
                setText((locked ? "⚠ " : "") + thread.name() + "  [" + thread.state() + "]");
                if (locked) {
                    getStyleClass().add("deadlocked");
                }
            }
        });
        threads.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) ->
                stack.setText(selected == null ? "" : "\"" + selected.name() + "\" t@" + selected.id() + "  " + selected.state() + "\n\n" + selected.stack()));
        stack.setEditable(false);
        stack.getStyleClass().add("code");
        threadSummary.setId("thread-summary");
        threadSummary.setWrapText(true);
        HBox tools = new HBox(8, reload, threadState, threadSearch, copy, export);
        tools.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(threadSearch, Priority.ALWAYS);
        SplitPane split = new SplitPane(threads, stack);
        split.setDividerPositions(0.35);
        VBox pane = new VBox(8, tools, threadSummary, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private void loadThreads() {
        background.run(() -> client().getText("/api/diagnostics/threads"), answer -> {
            dumpText = answer;
            dump = ThreadDump.parse(answer);
            List<String> states = new ArrayList<>(List.of(text.getString("diag.threads.allStates")));
            states.addAll(dump.countByState().keySet());
            String chosen = threadState.getValue();
            threadState.getItems().setAll(states);
            threadState.setValue(chosen != null && states.contains(chosen) ? chosen : states.getFirst());
            StringBuilder summary = new StringBuilder(String.format(text.getString("diag.threads.summary"), dump.threads().size()));
            dump.countByState().forEach((state, count) -> summary.append("  ").append(state).append(' ').append(count));
            if (!dump.deadlocked().isEmpty()) {
                summary.append("  —  ").append(String.format(text.getString("diag.threads.deadlock"), String.join(", ", dump.deadlocked())));
                threadSummary.getStyleClass().add(Styles.DANGER);
            } else {
                threadSummary.getStyleClass().remove(Styles.DANGER);
            }
            threadSummary.setText(summary.toString());
            showThreads();
        }, failure -> threadSummary.setText(failure.getMessage()));
    }

    /** The threads of the chosen state matching the search, deadlocked ones first, then by state and name. */
    private void showThreads() {
        String state = threadState.getValue();
        boolean all = state == null || state.equals(text.getString("diag.threads.allStates"));
        threads.getItems().setAll(dump.threads().stream().filter(t -> all || t.state().equals(state)).filter(t -> t.matches(threadSearch.getText()))
                .sorted(java.util.Comparator.comparing((ThreadDump.Thread t) -> !dump.deadlocked().contains(t.name()))
                        .thenComparing(ThreadDump.Thread::state).thenComparing(t -> t.name().toLowerCase(Locale.ROOT)))
                .toList());
    }

    // logs

    private javafx.scene.Node logsPane() {
        logLevel.setId("log-level");
        logLevel.setValue("ALL");
        logLevel.setOnAction(event -> follow());
        logSearch.setId("log-search");
        logSearch.setPromptText(text.getString("diag.logs.search"));
        logSearch.setOnAction(event -> follow());
        logPause.setId("log-pause");
        logPause.setText(text.getString("diag.logs.pause"));
        logPause.selectedProperty().addListener((observable, before, pause) -> {
            paused = pause;
            logPause.setText(text.getString(pause ? "diag.logs.resume" : "diag.logs.pause"));
            if (!pause) {
                flushLog();
            }
        });
        Button copy = new Button(text.getString("diag.copy"));
        copy.setOnAction(event -> copy(String.join("\n", log.getItems())));
        log.setId("log");
        log.getStyleClass().add("code");
        log.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("log-error", "log-warn");
                setText(empty ? null : line);
                if (!empty && line != null) {
                    if (line.contains(" ERROR ")) {
                        getStyleClass().add("log-error");
                    } else if (line.contains(" WARN ")) {
                        getStyleClass().add("log-warn");
                    }
                }
            }
        });
        logNote.setId("log-note");
        HBox tools = new HBox(8, new Label(text.getString("diag.logs.level")), logLevel, logSearch, logPause, copy);
        tools.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(logSearch, Priority.ALWAYS);
        VBox pane = new VBox(8, tools, logNote, log, loggerLevels());
        VBox.setVgrow(log, Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private javafx.scene.Node loggerLevels() {
        TextField logger = new TextField("com.nexusai");
        logger.setId("logger-name");
        ChoiceBox<String> level = new ChoiceBox<>(FXCollections.observableArrayList("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF",
                text.getString("diag.loggers.inherit")));
        level.setValue("DEBUG");
        Label current = new Label();
        current.setId("logger-current");
        Button read = new Button(text.getString("diag.loggers.read"));
        read.setOnAction(event -> background.run(() -> client().getJson("/api/diagnostics/loggers/" + logger.getText().strip()),
                answer -> current.setText(levels(answer)), failure -> current.setText(failure.getMessage())));
        Button apply = new Button(text.getString("diag.loggers.apply"));
        apply.setId("logger-apply");
        apply.setOnAction(event -> {
            String chosen = level.getValue().equals(text.getString("diag.loggers.inherit")) ? "" : level.getValue();
            background.run(() -> client().postJson("/api/diagnostics/loggers/" + logger.getText().strip(), Map.of("level", chosen)),
                    answer -> current.setText(levels(answer)), failure -> current.setText(failure.getMessage()));
        });
        HBox row = new HBox(8, new Label(text.getString("diag.loggers")), logger, level, read, apply, current);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(logger, Priority.ALWAYS);
        return row;
    }

    private String levels(JsonNode logger) {
        return String.format(text.getString("diag.loggers.levels"), logger.path("configuredLevel").asString(""), logger.path("effectiveLevel").asString(""));
    }

    /** (Re)starts following the log with the level and search chosen: the last 200 lines, then new ones as they are written. */
    private void follow() {
        int generation = followGeneration.incrementAndGet(); // a stream opened for an earlier choice drops out
        stopFollowing();
        log.getItems().clear();
        synchronized (logArrived) {
            logArrived.clear();
        }
        String level = logLevel.getValue().equals("ALL") ? "" : "&level=" + logLevel.getValue();
        String query = logSearch.getText().isBlank() ? "" : "&q=" + java.net.URLEncoder.encode(logSearch.getText().strip(), java.nio.charset.StandardCharsets.UTF_8);
        logNote.setText(text.getString("diag.logs.following") + " " + client().base().getAuthority());
        background.run(() -> {
            EventStream stream = client().events("/api/diagnostics/logs?follow=true&lines=200" + level + query);
            if (generation != followGeneration.get()) {
                stream.stop(); // the level or the search changed while this stream was opening
                return true;
            }
            following = stream;
            stream.read((name, line) -> {
                if (generation != followGeneration.get()) {
                    return false;
                }
                synchronized (logArrived) {
                    logArrived.addLast(line);
                    while (logArrived.size() > LOG_LINES_KEPT) {
                        logArrived.removeFirst();
                    }
                }
                if (!paused && logFlushQueued.compareAndSet(false, true)) {
                    Platform.runLater(this::flushLog);
                }
                return true;
            });
            return true;
        }, ended -> { }, failure -> logNote.setText(failure.getMessage()));
    }

    /** Lines that arrived since the last frame, drawn together; the newest stays in view. */
    private void flushLog() {
        logFlushQueued.set(false);
        if (paused) {
            return;
        }
        List<String> arrived;
        synchronized (logArrived) {
            arrived = List.copyOf(logArrived);
            logArrived.clear();
        }
        if (arrived.isEmpty()) {
            return;
        }
        log.getItems().addAll(arrived);
        if (log.getItems().size() > LOG_LINES_KEPT) {
            log.getItems().remove(0, log.getItems().size() - LOG_LINES_KEPT);
        }
        log.scrollTo(log.getItems().size() - 1);
    }

    private void stopFollowing() {
        EventStream stream = following;
        following = null;
        if (stream != null) {
            stream.stop();
        }
    }

    // heap

    private javafx.scene.Node heapPane() {
        Label explain = new Label(text.getString("diag.heap.explain"));
        explain.setWrapText(true);
        Button download = new Button(text.getString("diag.heap.download"));
        download.setId("heap-download");
        heapReason.setId("heap-reason");
        heapReason.setPromptText(text.getString("diag.heap.reason"));
        heapReason.setPrefColumnCount(32);
        download.disableProperty().bind(Bindings.createBooleanBinding(
                () -> heapReason.getText() == null || heapReason.getText().isBlank() || !heapCancel.isDisable(),
                heapReason.textProperty(), heapCancel.disableProperty()));
        heapCancel.setText(text.getString("diag.heap.cancel"));
        heapCancel.setDisable(true);
        heapCancel.setOnAction(event -> heapCancelled.set(true));
        heapProgress.setPrefWidth(420);
        heapProgress.setVisible(false);
        heapNote.setId("heap-note");
        heapNote.setWrapText(true);
        download.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("nexusai-heap.hprof");
            java.io.File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                downloadHeap(file.toPath(), download);
            }
        });
        VBox pane = new VBox(12, explain, new HBox(8, heapReason, download, heapCancel), heapProgress, heapNote);
        pane.setPadding(new Insets(12));
        return pane;
    }

    private void downloadHeap(Path target, Button download) {
        heapCancelled.set(false);
        heapCancel.setDisable(false);
        heapProgress.setVisible(true);
        heapProgress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        heapNote.setText(text.getString("diag.heap.dumping"));
        AtomicBoolean progressQueued = new AtomicBoolean();
        String reason = URLEncoder.encode(heapReason.getText().strip(), StandardCharsets.UTF_8);
        background.run(() -> client().download("/api/diagnostics/heap?reason=" + reason, target, (done, total) -> {
            if (progressQueued.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    progressQueued.set(false);
                    heapProgress.setProgress(total > 0 ? (double) done / total : ProgressBar.INDETERMINATE_PROGRESS);
                    heapNote.setText(String.format(Locale.ROOT, text.getString("diag.heap.received"), done / 1048576.0));
                });
            }
        }, heapCancelled::get), written -> {
            heapCancel.setDisable(true);
            heapProgress.setVisible(false);
            heapNote.setText(written < 0 ? text.getString("diag.heap.cancelled")
                    : String.format(Locale.ROOT, text.getString("diag.heap.saved"), written / 1048576.0, target));
        }, failure -> {
            heapCancel.setDisable(true);
            heapProgress.setVisible(false);
            heapNote.setText(failure.getMessage());
        });
    }

    private static void copy(String content) {
        ClipboardContent clip = new ClipboardContent();
        clip.putString(content);
        Clipboard.getSystemClipboard().setContent(clip);
    }

    private void export(String content, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            background.run(() -> java.nio.file.Files.writeString(file.toPath(), content), saved -> { }, failure -> threadSummary.setText(failure.getMessage()));
        }
    }

    /** Stops following the log when the view goes. */
    public void close() {
        stopFollowing();
    }
}
