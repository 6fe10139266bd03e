package com.nexusai.server.investigation;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The analyzers' clock: the alerts' own ({@code alertClock}, which a test moves) when there is one, so findings and alerts agree. */
@Component
class InvestigationClock {

    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    InvestigationClock(@Qualifier("alertClock") ObjectProvider<Clock> alertClock, Clock clock) {
        this(alertClock.getIfAvailable(() -> clock));
    }

    InvestigationClock(Clock clock) {
        this.clock = clock;
    }

    double nowSeconds() {
        return clock.millis() / 1000.0;
    }
}
