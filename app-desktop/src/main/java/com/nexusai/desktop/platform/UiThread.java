package com.nexusai.desktop.platform;

import javafx.application.Platform;

/** Where results are handed back: the FX application thread in the console, the calling thread in view-model tests. */
@FunctionalInterface
public interface UiThread {

    UiThread FX = Platform::runLater;
    UiThread CURRENT = Runnable::run;

    void post(Runnable action);
}
