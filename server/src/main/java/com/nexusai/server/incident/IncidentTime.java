package com.nexusai.server.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The incidents' clock: when a level began, when it escalates, who can be reached now. The server's, or a test's
 * {@code incidentClock} that puts the incident at 03:00 and moves past the escalation delays.
 */
@Component
class IncidentTime {

    private final Clock clock;
    private final IncidentProperties properties;

    IncidentTime(@Qualifier("incidentClock") ObjectProvider<Clock> incidentClock, Clock clock, IncidentProperties properties) {
        this.clock = incidentClock.getIfAvailable(() -> clock);
        this.properties = properties;
    }

    Instant now() {
        return clock.instant();
    }

    /** Now in the contacts' zone (the guide's hours are Paris times). */
    ZonedDateTime local() {
        return ZonedDateTime.now(clock).withZoneSameInstant(properties.zone());
    }
}
