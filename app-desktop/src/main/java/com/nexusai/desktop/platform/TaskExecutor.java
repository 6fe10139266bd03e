package com.nexusai.desktop.platform;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the console does work off the FX thread (network calls, files, processes): {@link FxTaskExecutor} in
 * the console, {@link CurrentThreadTaskExecutor} in view-model tests, which then need no FX thread and no waiting.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Starts {@code task}; its callbacks come on the UI thread. */
    <T> BackgroundTask<T> execute(BackgroundTask<T> task);

    /** {@code work} in the background, its result or failure on the UI thread. */
    default <T> BackgroundTask<T> run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return execute(BackgroundTask.of(work).onSuccess(onSuccess).onFailure(onFailure));
    }

    /**
     * Runs {@code action} on the UI thread every {@code period} (the first time after one period) until the returned
     * handle is closed. For screens that re-read what is already in memory; network reads go through {@link #execute}.
     */
    AutoCloseable every(java.time.Duration period, Runnable action);

    /** The thread results are handed to. */
    UiThread uiThread();

    /** The UI thread at its next frame: what a high-rate feed's {@link DirtyBits} redraws with. */
    UiThread nextPulse();

    @Override
    void close();
}
