package com.nexusai.server.maintenance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.retention.*}: how long the tables that grow keep their rows (the retention job deletes older
 * ones every night). {@code 0s} keeps a table's rows for ever.
 *
 * @param publishedOutbox outbox events once Kafka took them (the audit table has them)
 * @param events the audit's domain events
 * @param securityEvents sign-ins, refusals, role changes, heap dumps
 * @param chatConversations conversations not written to for this long, with their messages
 * @param incidentSnapshots diagnostics snapshots of resolved incidents (the incident and its timeline stay)
 * @param maintenanceRuns the calendar's history (a person's task still to do stays)
 * @param capacitySamples the capacity review's samples (a little over a year: a year-on-year comparison)
 * @param alertHistory resolved alerts with their transitions, and silences that ended (an open alert stays)
 * @param notifications escalation notifications delivered or given up (the incident's timeline keeps each attempt)
 * @param batchSize rows per delete: each batch is its own short transaction, so no lock is held for long
 */
@ConfigurationProperties("nexusai.retention")
public record RetentionProperties(
        @DefaultValue("7d") Duration publishedOutbox,
        @DefaultValue("365d") Duration events,
        @DefaultValue("365d") Duration securityEvents,
        @DefaultValue("365d") Duration chatConversations,
        @DefaultValue("90d") Duration incidentSnapshots,
        @DefaultValue("365d") Duration maintenanceRuns,
        @DefaultValue("400d") Duration capacitySamples,
        @DefaultValue("365d") Duration alertHistory,
        @DefaultValue("90d") Duration notifications,
        @DefaultValue("1000") int batchSize) {

    public RetentionProperties {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("nexusai.retention.batch-size must be between 1 and 100000, not " + batchSize);
        }
    }
}
