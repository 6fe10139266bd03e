package com.nexusai.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The task abstraction's promises: callbacks on the UI thread, progress, cancel, and one redraw per pulse. */
class TaskExecutorTest {

    @Test
    void theCurrentThreadExecutorRunsTheWorkAndItsCallbacksBeforeReturning() {
        List<String> seen = new ArrayList<>();
        new CurrentThreadTaskExecutor().execute(BackgroundTask.withProgress(progress -> {
            progress.update(1, 2, "half");
            return "done";
        }).onProgress(step -> seen.add(step.message() + " " + step.fraction())).onSuccess(seen::add).onFinished(() -> seen.add("finished")));
        assertThat(seen).containsExactly("half 0.5", "done", "finished");
        new CurrentThreadTaskExecutor().run(() -> {
            throw new IllegalStateException("refused");
        }, result -> seen.add("success?"), failure -> seen.add(failure.getMessage()));
        assertThat(seen).endsWith("refused");
    }

    @Test
    void aCancelledTaskReportsNeitherSuccessNorFailureOnlyThatItIsOver() throws Exception {
        LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.<String>of(() -> {
            started.countDown();
            new CountDownLatch(1).await(); // blocked until interrupted, as a read would be
            return "never";
        }).onSuccess(seen::add).onFailure(failure -> seen.add("failure")).onFinished(() -> seen.add("finished"));
        Thread worker = Thread.ofVirtual().start(() -> task.runOn(ui::add));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        task.cancel();
        worker.join(10_000);
        assertThat(worker.isAlive()).isFalse();
        ui.poll(10, TimeUnit.SECONDS).run();
        assertThat(seen).containsExactly("finished");
        assertThat(task.cancelled()).isTrue();
    }

    @Test
    void marksBetweenTwoPulsesCostOneRedrawWithEveryBit() {
        List<Runnable> pulse = new ArrayList<>();
        List<Integer> redraws = new ArrayList<>();
        DirtyBits bits = new DirtyBits(pulse::add, redraws::add);
        for (int i = 0; i < 1000; i++) {
            bits.mark(1);
        }
        bits.mark(4);
        assertThat(pulse).hasSize(1);
        pulse.removeFirst().run();
        assertThat(redraws).containsExactly(5);
        bits.mark(2);
        assertThat(pulse).hasSize(1);
        pulse.removeFirst().run();
        assertThat(redraws).containsExactly(5, 2);
    }
}
