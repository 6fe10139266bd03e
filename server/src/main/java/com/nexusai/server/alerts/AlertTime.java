package com.nexusai.server.alerts;

import java.time.Clock;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The alerts' clock: the server's, or a test's {@code alertClock} that moves the rules' {@code for:} durations. The
 * investigations' analyzers read it too, so findings and alerts agree on the time.
 */
@Component
public class AlertTime {

    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    AlertTime(@Qualifier("alertClock") ObjectProvider<Clock> alertClock, Clock clock) {
        this(alertClock.getIfAvailable(() -> clock));
    }

    /** Reads {@code clock} (a test's fixed one). */
    public AlertTime(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }
}
