package com.nexusai.server.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

final class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidConfigurationException cause) {
        return new FailureAnalysis("NexusAI cannot start: " + cause.getMessage(),
                "Correct " + cause.variable() + " in the server's environment (in production: /opt/nexusai/config/env.sh).", cause);
    }
}
