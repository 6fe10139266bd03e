package com.nexusai.desktop.platform;

import java.time.Duration;
import java.time.Instant;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * For the start-up benchmark and the installed package's test (BENCHMARKS.md): with
 * {@code -Dnexusai.first-frame=print} (or {@code exit}, for an AOT training run or a smoke test) the console
 * prints how long after its process started a screen was laid out for painting, once: the first dashboard
 * with data, or the sign-in screen with {@code -Dnexusai.first-frame.of=connect}. Without the property it
 * does nothing.
 */
public final class FirstFrame {

    private static final String MODE = System.getProperty("nexusai.first-frame", "");
    private static final String SCREEN = System.getProperty("nexusai.first-frame.of", "dashboard");

    private boolean reported;

    /** Called when {@code screen} ("connect", "dashboard") has what it shows first. */
    public void shown(String screen, Scene scene) {
        if (reported || MODE.isEmpty() || !SCREEN.equals(screen) || scene == null) {
            return;
        }
        reported = true;
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            System.out.println("first-frame " + screen + " " + Duration.between(started, Instant.now()).toMillis() + " ms");
            if (MODE.equals("exit")) {
                Platform.exit();
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
