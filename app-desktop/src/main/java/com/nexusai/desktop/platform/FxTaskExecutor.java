package com.nexusai.desktop.platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Each task on a virtual thread of its own, its callbacks on the FX application thread. */
public final class FxTaskExecutor implements TaskExecutor {

    // a plain timer, not an FX Timeline: a running animation keeps the FX pulse (and rendering) going every frame
    private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("console-timer").daemon().factory());
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("console-work-", 0).factory());

    @Override
    public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
        workers.submit(() -> task.runOn(UiThread.FX));
        return task;
    }

    @Override
    public AutoCloseable every(java.time.Duration period, Runnable action) {
        var scheduled = timer.scheduleWithFixedDelay(() -> UiThread.FX.post(action), period.toMillis(), period.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return () -> scheduled.cancel(false);
    }

    private final NextPulse nextPulse = new NextPulse();

    @Override
    public UiThread uiThread() {
        return UiThread.FX;
    }

    @Override
    public UiThread nextPulse() {
        return nextPulse;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
