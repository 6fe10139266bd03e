package com.nexusai.server.replica;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The "dbReplica" health component, when a replica is configured: UP with its lag, or UNAVAILABLE with the
 * reason. UNAVAILABLE is left out of the aggregate: without its replica the server works (backups read from the
 * primary).
 */
@Component("dbReplicaHealthIndicator")
class ReplicaHealthIndicator implements HealthIndicator {

    private static final Status UNAVAILABLE = new Status("UNAVAILABLE", "the PostgreSQL replica is not usable; the rest of NexusAI works");

    private final PostgresReplica replica;

    ReplicaHealthIndicator(PostgresReplica replica) {
        this.replica = replica;
    }

    @Override
    public Health health() {
        if (!replica.configured()) {
            return Health.up().withDetail("replica", "none configured (DB_REPLICA_HOST)").build();
        }
        ReplicaStatus status = replica.latest();
        if (status == null) {
            return Health.unknown().withDetail("address", replica.endpoint().address()).withDetail("replica", "not looked at yet").build();
        }
        Health.Builder health = status.usable() ? Health.up() : Health.status(UNAVAILABLE).withDetail("error", status.problem());
        return health.withDetail("address", status.address()).withDetail("behindBytes", status.behindBytes())
                .withDetail("lagSeconds", status.lagSeconds()).withDetail("checkedAt", status.at().toString()).build();
    }
}
