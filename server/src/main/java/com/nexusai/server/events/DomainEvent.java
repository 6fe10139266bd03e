package com.nexusai.server.events;

import java.time.Instant;
import java.util.UUID;

/** A fact about the platform (user.created, file.uploaded, ...) as it travels through Kafka and comes back. */
public record DomainEvent(UUID eventId, String type, String aggregateType, String aggregateId, String actor,
        Instant occurredAt, String payload) {

    public static final String TOPIC = "nexusai.events";
}
