package com.nexusai.desktop.platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * A piece of work for a {@link TaskExecutor}, with what to do on the UI thread when it succeeds, fails or is over,
 * and its progress. The callbacks always run on the UI thread; after {@link #cancel()} neither success nor failure is
 * reported, only {@link #onFinished(Runnable)}.
 */
public final class BackgroundTask<T> {

    /** The work; it may report progress and look at {@link Progress#cancelled()} between steps. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /** What the work reports while it runs. */
    public interface Progress {

        /** {@code done} of {@code total} (a negative total: unknown), with a line saying what is under way (or null). */
        void update(long done, long total, String message);

        boolean cancelled();
    }

    /** A progress report on the UI thread. */
    public record Step(long done, long total, String message) {

        /** 0 to 1, or -1 when the total is unknown (an indeterminate bar). */
        public double fraction() {
            return total <= 0 ? -1 : Math.min(1, (double) done / total);
        }
    }

    private final Work<T> work;
    private Consumer<T> onSuccess = result -> { };
    private Consumer<Throwable> onFailure = failure -> { };
    private Consumer<Step> onProgress = step -> { };
    private Runnable onFinished = () -> { };
    private volatile boolean cancelled;
    private volatile Thread runner;

    private BackgroundTask(Work<T> work) {
        this.work = work;
    }

    public static <T> BackgroundTask<T> of(Callable<T> work) {
        return new BackgroundTask<>(progress -> work.call());
    }

    public static <T> BackgroundTask<T> withProgress(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    public BackgroundTask<T> onSuccess(Consumer<T> action) {
        this.onSuccess = action;
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
        this.onFailure = action;
        return this;
    }

    public BackgroundTask<T> onProgress(Consumer<Step> action) {
        this.onProgress = action;
        return this;
    }

    public BackgroundTask<T> onFinished(Runnable action) {
        this.onFinished = action;
        return this;
    }

    /** Stops caring for the result and interrupts the work if it is running (blocking I/O sees the interrupt). */
    public void cancel() {
        cancelled = true;
        Thread running = runner;
        if (running != null) {
            running.interrupt();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Runs the work on this thread and posts its outcome to {@code ui}; for {@link TaskExecutor} implementations. */
    void runOn(UiThread ui) {
        runner = Thread.currentThread();
        Progress progress = new Progress() {
            @Override
            public void update(long done, long total, String message) {
                if (!cancelled) {
                    Step step = new Step(done, total, message);
                    ui.post(() -> onProgress.accept(step));
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled;
            }
        };
        try {
            T result = cancelled ? null : work.call(progress);
            ui.post(() -> {
                if (!cancelled) {
                    onSuccess.accept(result);
                }
                onFinished.run();
            });
        } catch (Throwable failure) {
            ui.post(() -> {
                if (!cancelled && !(failure instanceof CancellationException)) {
                    onFailure.accept(failure);
                }
                onFinished.run();
            });
        } finally {
            runner = null;
            if (cancelled) {
                Thread.interrupted(); // the interrupt was for the work, not for the thread's next task
            }
        }
    }
}
