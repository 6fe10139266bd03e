package com.nexusai.server.config;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

final class MissingConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MissingConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, MissingConfigurationException cause) {
        String description = cause.missing().entrySet().stream()
                .map(e -> "  - " + e.getKey() + " (needed by " + e.getValue() + ")")
                .collect(Collectors.joining("\n", "NexusAI cannot start: these environment variables are not set:\n", ""));
        return new FailureAnalysis(description,
                "Set them in the server's environment (in production: /opt/nexusai/config/env.sh, see the operations guide §2.2).",
                cause);
    }
}
