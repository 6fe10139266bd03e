package com.nexusai.server.investigation;

import java.util.List;

/**
 * What an analyzer found, in the caller's language: a stable {@code id} (the cause, {@code pool-held-by-transactions}),
 * how bad it is, the evidence it rests on, the guide's troubleshooting row (§6.1: {@code oom}, {@code pool},
 * {@code latency}, {@code kafka-lag}, {@code bad-gateway}; null when the table has no row for it) and the next step.
 */
public record Finding(String id, Severity severity, String title, List<Evidence> evidence, String runbookRow, String next) {

    public Finding {
        evidence = List.copyOf(evidence);
    }
}
