package com.nexusai.server.maintenance;

import java.time.Instant;
import java.util.UUID;

public record MaintenanceRun(UUID id, String job, String trigger, String requestedBy, String node, Instant startedAt,
        Instant finishedAt, String status, String summary, String doneBy, Instant doneAt) {
}
