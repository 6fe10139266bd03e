package com.nexusai.core.maintenance;

import java.time.Instant;

/** A job of the maintenance calendar (guide §7): when it runs next and how its last run went (null: never ran). */
public record MaintenanceJob(String name, String description, String cron, Instant nextRun, MaintenanceRun lastRun) {
}
