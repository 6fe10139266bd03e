package com.nexusai.server.replica;

import java.time.Instant;

/**
 * One look at the replica: whether it answered as a standby ({@code problem} null) or why not, and how far
 * behind the primary it is, from the primary's {@code pg_stat_replication}: WAL bytes not yet replayed, and
 * seconds since its last report while bytes are pending (0 when it has replayed everything; -1 when the primary
 * does not list it).
 */
public record ReplicaStatus(Instant at, String address, String problem, long behindBytes, double lagSeconds) {

    public boolean usable() {
        return problem == null;
    }
}
