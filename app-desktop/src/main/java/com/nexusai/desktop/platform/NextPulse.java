package com.nexusai.desktop.platform;

import java.util.ArrayList;
import java.util.List;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Runs what is posted at the next JavaFX pulse, all together, then lets the pulse stop: a redraw per frame at most,
 * and no pulse at all while nothing changes (a running animation would keep rendering every frame).
 */
final class NextPulse implements UiThread {

    private final List<Runnable> queued = new ArrayList<>();
    private boolean scheduled;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            List<Runnable> due;
            synchronized (queued) {
                due = List.copyOf(queued);
                queued.clear();
                scheduled = false;
            }
            stop();
            due.forEach(Runnable::run);
        }
    };

    @Override
    public void post(Runnable action) {
        boolean start;
        synchronized (queued) {
            queued.add(action);
            start = !scheduled;
            scheduled = true;
        }
        if (start) {
            Platform.runLater(timer::start); // an animation is started on the FX thread
        }
    }
}
