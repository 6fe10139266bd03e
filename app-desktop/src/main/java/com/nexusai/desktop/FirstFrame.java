package com.nexusai.desktop;

import java.time.Duration;
import java.time.Instant;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * For the start-up benchmark (BENCHMARKS.md): with {@code -Dnexusai.first-frame=print} (or {@code exit}, for
 * an AOT training run) the console prints how long after its process started the first dashboard with data
 * was laid out for painting, once. Without the property it does nothing.
 */
final class FirstFrame {

    private static final String MODE = System.getProperty("nexusai.first-frame", "");

    private boolean reported;

    void dataShown(Scene scene) {
        if (reported || MODE.isEmpty() || scene == null) {
            return;
        }
        reported = true;
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            System.out.println("first-frame dashboard " + Duration.between(started, Instant.now()).toMillis() + " ms");
            if (MODE.equals("exit")) {
                Platform.exit();
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
