package com.nexusai.server.maintenance;

import java.time.Duration;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * §7.2 "Mise à jour sécurité, mensuel, premier samedi": a task for a person. The run is recorded as
 * {@code to-do} with the steps; whoever applies the updates marks it done.
 */
@Component
class SecurityUpdateJob implements MaintenanceJob {

    @Override
    public String name() {
        return "security-updates";
    }

    @Override
    public String description() {
        return "Monthly security updates (OS packages, JDK, NexusAI release): a task for a person, marked done when applied";
    }

    @Override
    public String defaultCron() {
        return "0 0 9 * * SAT#1";
    }

    @Override
    public Duration window() {
        return Duration.ofHours(4);
    }

    /** Updates restart instances, brokers and the replica one after another. */
    @Override
    public Set<String> silences() {
        return Set.of("HighLatency", "KafkaUnderReplicatedPartitions", "PostgresReplicationLag", "PostgresReplicaUnusable");
    }

    @Override
    public Outcome run(String actor) {
        return Outcome.toDo("Apply the month's security updates: 1) take a backup (POST /api/admin/backups); 2) on each instance in turn, "
                + "out of the load balancer: OS packages (apt-get upgrade), JDK, NexusAI release with its checksum verified; 3) wait for "
                + "/actuator/health/readiness before the next instance; 4) mark this run done (POST /api/admin/maintenance/runs/{id}/done).");
    }
}
