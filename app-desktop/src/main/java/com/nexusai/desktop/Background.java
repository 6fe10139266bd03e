package com.nexusai.desktop;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.application.Platform;

/**
 * The one way the console does work off the FX thread: the work runs on a background thread, and its
 * result or failure comes back on the FX thread. Network calls go through here, never on the FX thread.
 */
public final class Background implements AutoCloseable {

    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("console-work-", 0).factory());

    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        workers.submit(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable failure) {
                Platform.runLater(() -> onFailure.accept(failure));
            }
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
