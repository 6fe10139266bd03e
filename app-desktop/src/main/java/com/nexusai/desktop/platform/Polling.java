package com.nexusai.desktop.platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The threads that poll a server (one per instance on the dashboard): daemons, so that they never keep the console alive. */
public final class Polling {

    private Polling() {
    }

    public static ScheduledExecutorService newPoller(String name) {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
    }
}
