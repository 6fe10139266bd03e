package com.nexusai.desktop.platform;

/**
 * For view-model tests: each task runs to its end on the calling thread, callbacks included, before execute returns;
 * periodic actions run when the test calls {@link #tick()}.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private final java.util.List<Runnable> periodic = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One period of every periodic action still scheduled. */
    public void tick() {
        periodic.forEach(Runnable::run);
    }

    @Override
    public AutoCloseable every(java.time.Duration period, Runnable action) {
        Runnable registered = action::run;
        periodic.add(registered);
        return () -> periodic.remove(registered);
    }

    @Override
    public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
        task.runOn(UiThread.CURRENT);
        return task;
    }

    @Override
    public UiThread uiThread() {
        return UiThread.CURRENT;
    }

    @Override
    public UiThread nextPulse() {
        return UiThread.CURRENT;
    }

    @Override
    public void close() {
        // nothing runs on its own
    }
}
