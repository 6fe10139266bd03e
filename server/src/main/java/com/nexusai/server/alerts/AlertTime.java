package com.nexusai.server.alerts;

import java.time.Clock;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The alerts' clock: the server's, or a test's {@code alertClock} that moves the rules' {@code for:} durations. */
@Component
class AlertTime {

    private final Clock clock;

    AlertTime(@Qualifier("alertClock") ObjectProvider<Clock> alertClock, Clock clock) {
        this.clock = alertClock.getIfAvailable(() -> clock);
    }

    Clock clock() {
        return clock;
    }

    Instant now() {
        return clock.instant();
    }
}
