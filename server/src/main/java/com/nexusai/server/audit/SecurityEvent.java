package com.nexusai.server.audit;

import java.time.Instant;

/** One entry of the audit trail: what happened to whom, done by whom, from where. */
public record SecurityEvent(long id, Instant occurredAt, SecurityEventType type, String username, String actor,
        String remoteAddress, String details) {
}
