package com.nexusai.core.alerts;

import java.time.Instant;

/**
 * An alert as the fleet's servers recorded it: the engine's alert, its id, when it began firing (null while pending),
 * who took it and why (null: nobody), and what keeps it quiet (null: nothing).
 */
public record FleetAlert(String id, AlertEngine.Alert alert, Instant firingSince, Acknowledgement acknowledged, Silenced silenced) {

    public record Acknowledgement(String by, Instant at, String comment) {
    }

    /** {@code kind} is {@code silence} (then {@code id} is the silence's) or {@code maintenance} (then it is the job's). */
    public record Silenced(String kind, String id, Instant until, String reason, String by) {
    }
}
