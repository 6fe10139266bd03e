package com.nexusai.desktop.diagnostics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.nexusai.core.api.EventStream;
import com.nexusai.core.api.Grants;
import com.nexusai.core.api.Permission;
import com.nexusai.core.diagnostics.DiagnosticsApi;
import com.nexusai.core.diagnostics.HealthNode;
import com.nexusai.core.diagnostics.LoggerLevels;
import com.nexusai.core.diagnostics.ThreadDump;
import com.nexusai.desktop.platform.BackgroundTask;
import com.nexusai.desktop.platform.RoleGuard;
import com.nexusai.desktop.platform.DirtyBits;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The diagnostics of the guide's §6.2 without a control: the health tree, a thread dump filtered by state and search
 * (deadlocked threads first), the log followed live with its level and search (lines that arrive between two frames
 * drawn together, held while paused), logger levels, and a heap dump downloaded with progress and cancel.
 */
public final class DiagnosticsViewModel implements AutoCloseable {

    public static final int LOG_LINES_KEPT = 5_000;
    public static final int LOG_LINES_FIRST = 200;
    /** The log level filter meaning every level. */
    public static final String ALL_LEVELS = "ALL";

    private final ResourceBundle text;
    private final Supplier<DiagnosticsApi> api;
    private final TaskExecutor tasks;

    private final ReadOnlyObjectWrapper<HealthNode> health = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper healthNote = new ReadOnlyStringWrapper("");

    private final ReadOnlyObjectWrapper<ThreadDump> dump = new ReadOnlyObjectWrapper<>(ThreadDump.parse(""));
    private String dumpText = "";
    private final ObservableList<String> threadStates = FXCollections.observableArrayList();
    private final ObjectProperty<String> threadState = new SimpleObjectProperty<>();
    private final StringProperty threadSearch = new SimpleStringProperty("");
    private final ObservableList<ThreadDump.Thread> threads = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper threadSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper deadlock = new ReadOnlyBooleanWrapper();

    private final ObjectProperty<String> logLevel = new SimpleObjectProperty<>(ALL_LEVELS);
    private final StringProperty logSearch = new SimpleStringProperty("");
    private final BooleanProperty logPaused = new SimpleBooleanProperty();
    private final ObservableList<String> logLines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper logNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper logWaiting = new ReadOnlyIntegerWrapper();
    private final Deque<String> logArrived = new ArrayDeque<>();
    private final DirtyBits logRedraw;
    /** Which call of {@link #follow()} lines belong to: only the latest stream's are kept. */
    private final AtomicInteger followGeneration = new AtomicInteger();
    private volatile EventStream following;

    private final StringProperty loggerName = new SimpleStringProperty("com.nexusai");
    private final ReadOnlyStringWrapper loggerNote = new ReadOnlyStringWrapper("");

    private final StringProperty heapReason = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper heapRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper heapProgress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper heapNote = new ReadOnlyStringWrapper("");
    private final BooleanBinding canDownloadHeap;
    private BackgroundTask<Long> heapDownload;
    private final Grants grants;

    /**
     * @param api the selected instance's diagnostics, asked for each call (the instance may change)
     * @param grants what the signed-in role may do: thread dumps, logger levels and heap dumps are not for every role
     */
    public DiagnosticsViewModel(ResourceBundle text, Supplier<DiagnosticsApi> api, Grants grants, TaskExecutor tasks) {
        this.text = text;
        this.api = api;
        this.grants = grants;
        this.tasks = tasks;
        this.logRedraw = new DirtyBits(tasks.nextPulse(), bits -> flushLog());
        boolean mayDump = grants.allow(Permission.DOWNLOAD_HEAP_DUMPS);
        this.canDownloadHeap = Bindings.createBooleanBinding(() -> mayDump && !heapReason.get().isBlank() && !heapRunning.get(), heapReason, heapRunning);
        threadState.addListener((observable, before, now) -> showThreads());
        threadSearch.addListener((observable, before, now) -> showThreads());
        logPaused.addListener((observable, was, paused) -> {
            if (!paused) {
                flushLog();
            }
        });
    }

    // health

    public ReadOnlyObjectProperty<HealthNode> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /** The instance the health is of, or why it could not be read. */
    public ReadOnlyStringProperty healthNoteProperty() {
        return healthNote.getReadOnlyProperty();
    }

    public void loadHealth() {
        tasks.run(() -> {
            DiagnosticsApi diagnostics = api.get();
            return java.util.Map.entry(diagnostics.instance(), diagnostics.health());
        }, answer -> {
            health.set(answer.getValue());
            healthNote.set(answer.getKey());
        }, failure -> healthNote.set(failure.getMessage()));
    }

    // threads

    public ReadOnlyObjectProperty<ThreadDump> dumpProperty() {
        return dump.getReadOnlyProperty();
    }

    /** The dump as the server gave it, for copy and export. */
    public String dumpText() {
        return dumpText;
    }

    /** "All states" then the states in the dump. */
    public ObservableList<String> threadStates() {
        return threadStates;
    }

    public ObjectProperty<String> threadStateProperty() {
        return threadState;
    }

    public StringProperty threadSearchProperty() {
        return threadSearch;
    }

    /** The threads of the chosen state matching the search, deadlocked ones first, then by state and name. */
    public ObservableList<ThreadDump.Thread> threads() {
        return threads;
    }

    public ReadOnlyStringProperty threadSummaryProperty() {
        return threadSummary.getReadOnlyProperty();
    }

    /** True when the dump has a deadlock. */
    public ReadOnlyBooleanProperty deadlockProperty() {
        return deadlock.getReadOnlyProperty();
    }

    public boolean deadlocked(ThreadDump.Thread thread) {
        return dump.get().deadlocked().contains(thread.name());
    }

    /** A thread's header and stack, for the pane beside the list. */
    public static String stackOf(ThreadDump.Thread thread) {
        return thread == null ? "" : "\"" + thread.name() + "\" t@" + thread.id() + "  " + thread.state() + "\n\n" + thread.stack();
    }

    public Grants grants() {
        return grants;
    }

    public void loadThreads() {
        if (!grants.allow(Permission.TAKE_THREAD_DUMPS)) {
            threadSummary.set(RoleGuard.refusal(grants, Permission.TAKE_THREAD_DUMPS, text));
            return;
        }
        tasks.run(() -> api.get().threadDump(), answer -> {
            dumpText = answer;
            ThreadDump parsed = ThreadDump.parse(answer);
            dump.set(parsed);
            String all = text.getString("diag.threads.allStates");
            List<String> states = new ArrayList<>(List.of(all));
            states.addAll(parsed.countByState().keySet());
            String chosen = threadState.get();
            threadStates.setAll(states);
            StringBuilder summary = new StringBuilder(String.format(text.getString("diag.threads.summary"), parsed.threads().size()));
            parsed.countByState().forEach((state, count) -> summary.append("  ").append(state).append(' ').append(count));
            if (!parsed.deadlocked().isEmpty()) {
                summary.append("  —  ").append(String.format(text.getString("diag.threads.deadlock"), String.join(", ", parsed.deadlocked())));
            }
            deadlock.set(!parsed.deadlocked().isEmpty());
            threadSummary.set(summary.toString());
            threadState.set(chosen != null && states.contains(chosen) ? chosen : all);
            showThreads();
        }, failure -> threadSummary.set(failure.getMessage()));
    }

    private void showThreads() {
        ThreadDump current = dump.get();
        String state = threadState.get();
        boolean all = state == null || state.equals(text.getString("diag.threads.allStates"));
        String search = threadSearch.get();
        threads.setAll(current.threads().stream().filter(t -> all || t.state().equals(state)).filter(t -> t.matches(search))
                .sorted(Comparator.comparing((ThreadDump.Thread t) -> !current.deadlocked().contains(t.name()))
                        .thenComparing(ThreadDump.Thread::state).thenComparing(t -> t.name().toLowerCase(Locale.ROOT)))
                .toList());
    }

    /** Writes the dump to {@code file}; a failure shows in the summary line. */
    public void exportDump(Path file) {
        String content = dumpText;
        tasks.run(() -> Files.writeString(file, content), saved -> { }, failure -> threadSummary.set(failure.getMessage()));
    }

    // logs

    public ObjectProperty<String> logLevelProperty() {
        return logLevel;
    }

    public StringProperty logSearchProperty() {
        return logSearch;
    }

    public BooleanProperty logPausedProperty() {
        return logPaused;
    }

    /** The lines shown, at most {@value #LOG_LINES_KEPT}, the newest last. */
    public ObservableList<String> logLines() {
        return logLines;
    }

    /** Lines that arrived and wait to be shown (while paused). */
    public ReadOnlyIntegerProperty logWaitingProperty() {
        return logWaiting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty logNoteProperty() {
        return logNote.getReadOnlyProperty();
    }

    /** (Re)starts following the log with the level and search chosen: the last lines, then new ones as they are written. */
    public void follow() {
        int generation = followGeneration.incrementAndGet(); // a stream opened for an earlier choice drops out
        stopFollowing();
        logLines.clear();
        synchronized (logArrived) {
            logArrived.clear();
        }
        logWaiting.set(0);
        String level = ALL_LEVELS.equals(logLevel.get()) ? null : logLevel.get();
        String search = logSearch.get();
        tasks.execute(BackgroundTask.<EventStream.End>of(() -> {
            DiagnosticsApi diagnostics = api.get();
            tasks.uiThread().post(() -> logNote.set(text.getString("diag.logs.following") + " " + diagnostics.instance()));
            EventStream stream = diagnostics.followLog(LOG_LINES_FIRST, level, search);
            if (generation != followGeneration.get()) {
                stream.stop(); // the level or the search changed while this stream was opening
                return EventStream.End.STOPPED;
            }
            following = stream;
            return stream.read((name, line) -> {
                if (generation != followGeneration.get()) {
                    return false;
                }
                synchronized (logArrived) {
                    logArrived.addLast(line);
                    while (logArrived.size() > LOG_LINES_KEPT) {
                        logArrived.removeFirst();
                    }
                }
                logRedraw.mark(1);
                return true;
            });
        }).onFailure(failure -> logNote.set(failure.getMessage())));
    }

    /** Lines that arrived since the last frame, shown together; held while paused. */
    private void flushLog() {
        List<String> arrived;
        synchronized (logArrived) {
            if (logPaused.get()) {
                logWaiting.set(logArrived.size());
                return;
            }
            arrived = List.copyOf(logArrived);
            logArrived.clear();
        }
        logWaiting.set(0);
        if (arrived.isEmpty()) {
            return;
        }
        logLines.addAll(arrived);
        if (logLines.size() > LOG_LINES_KEPT) {
            logLines.remove(0, logLines.size() - LOG_LINES_KEPT);
        }
    }

    public void stopFollowing() {
        EventStream stream = following;
        following = null;
        if (stream != null) {
            stream.stop();
        }
    }

    // logger levels

    public StringProperty loggerNameProperty() {
        return loggerName;
    }

    /** The logger's levels, or why they could not be read or set. */
    public ReadOnlyStringProperty loggerNoteProperty() {
        return loggerNote.getReadOnlyProperty();
    }

    public void readLogger() {
        String name = loggerName.get().strip();
        tasks.run(() -> api.get().logger(name), this::showLevels, failure -> loggerNote.set(failure.getMessage()));
    }

    /** @param level null: back to the inherited level */
    public void setLogger(String level) {
        if (!grants.allow(Permission.SET_LOG_LEVELS)) {
            loggerNote.set(RoleGuard.refusal(grants, Permission.SET_LOG_LEVELS, text));
            return;
        }
        String name = loggerName.get().strip();
        tasks.run(() -> api.get().setLogger(name, level), this::showLevels, failure -> loggerNote.set(failure.getMessage()));
    }

    private void showLevels(LoggerLevels levels) {
        loggerNote.set(String.format(text.getString("diag.loggers.levels"), levels.configured(), levels.effective()));
    }

    // heap

    /** Why the heap is dumped (the audit says it): required. */
    public StringProperty heapReasonProperty() {
        return heapReason;
    }

    public ReadOnlyBooleanProperty heapRunningProperty() {
        return heapRunning.getReadOnlyProperty();
    }

    /** 0 to 1, or -1 while the size is unknown. */
    public ReadOnlyDoubleProperty heapProgressProperty() {
        return heapProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty heapNoteProperty() {
        return heapNote.getReadOnlyProperty();
    }

    public BooleanBinding canDownloadHeap() {
        return canDownloadHeap;
    }

    public void downloadHeap(Path target) {
        if (!canDownloadHeap.get()) {
            return;
        }
        String reason = heapReason.get().strip();
        heapRunning.set(true);
        heapProgress.set(-1);
        heapNote.set(text.getString("diag.heap.dumping"));
        BackgroundTask<Long> download = BackgroundTask.withProgress(progress -> api.get().downloadHeap(reason, target,
                (done, total) -> progress.update(done, total, null), progress::cancelled));
        heapDownload = download;
        tasks.execute(download.onProgress(step -> {
            heapProgress.set(step.fraction());
            heapNote.set(String.format(Locale.ROOT, text.getString("diag.heap.received"), step.done() / 1048576.0));
        }).onSuccess(written -> heapNote.set(written < 0 ? text.getString("diag.heap.cancelled")
                : String.format(Locale.ROOT, text.getString("diag.heap.saved"), written / 1048576.0, target)))
                .onFailure(failure -> heapNote.set(failure.getMessage()))
                .onFinished(() -> {
                    if (download.cancelled()) {
                        heapNote.set(text.getString("diag.heap.cancelled"));
                    }
                    heapRunning.set(false);
                }));
    }

    public void cancelHeap() {
        BackgroundTask<Long> download = heapDownload;
        if (download != null) {
            download.cancel();
        }
    }

    @Override
    public void close() {
        followGeneration.incrementAndGet();
        stopFollowing();
        cancelHeap();
    }
}
