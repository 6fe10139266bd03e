package com.nexusai.server.investigation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.investigations.*}: how the analyzers behind {@code GET /api/investigations/findings} judge what they read.
 *
 * @param deadline how long one investigation waits for its analyzers; one that has not answered by then (a stalled
 *        PostgreSQL or Redis) is reported as such instead of holding the answer
 * @param slowQuery a statement running longer than this is a slow query
 * @param longTransaction a transaction open longer than this (idle in it, or running) holds its connection and its locks
 */
@ConfigurationProperties("nexusai.investigations")
public record InvestigationProperties(@DefaultValue("800ms") Duration deadline, @DefaultValue("5s") Duration slowQuery,
        @DefaultValue("10s") Duration longTransaction) {

    public InvestigationProperties {
        if (deadline.compareTo(Duration.ofMillis(100)) < 0 || deadline.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("nexusai.investigations.deadline: between 100ms and 10s, not " + deadline);
        }
        if (slowQuery.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("nexusai.investigations.slow-query: at least 100ms, not " + slowQuery);
        }
        if (longTransaction.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("nexusai.investigations.long-transaction: at least 100ms, not " + longTransaction);
        }
    }
}
