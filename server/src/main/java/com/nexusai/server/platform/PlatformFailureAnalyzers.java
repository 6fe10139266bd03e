package com.nexusai.server.platform;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the embedded platform's start failures into the short report Spring Boot prints instead of a stack trace. */
final class PlatformFailureAnalyzers {

    private PlatformFailureAnalyzers() {
    }

    static final class PortsInUse extends AbstractFailureAnalyzer<PortsInUseException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, PortsInUseException cause) {
            String description = cause.conflicts().stream()
                    .map(c -> "  - " + c.component() + ": port " + c.port() + " on " + c.host() + " is already in use ("
                            + c.reason() + ")")
                    .collect(Collectors.joining("\n", "NexusAI cannot start: a port it needs is taken.\n", ""));
            String action = cause.conflicts().stream()
                    .map(c -> "  - stop what listens on port " + c.port() + ", or set " + c.property()
                            + " (e.g. --" + c.property() + "=0 for any free port)")
                    .collect(Collectors.joining("\n", "Free the port or move NexusAI's:\n", ""));
            return new FailureAnalysis(description, action, cause);
        }
    }

    static final class DataDirectoryInUse extends AbstractFailureAnalyzer<DataDirectoryInUseException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, DataDirectoryInUseException cause) {
            return new FailureAnalysis(cause.getMessage() + ".",
                    "Stop that server (pid " + cause.ownerPid() + ") or give this one its own data directory with "
                            + "--nexusai.data-dir=<path>.",
                    cause);
        }
    }

    static final class EmbeddedStart extends AbstractFailureAnalyzer<EmbeddedStartException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, EmbeddedStartException cause) {
            return new FailureAnalysis(cause.getMessage(),
                    "Read the component's log under <data-dir>/logs. Its data is untouched; fix the cause and start again.",
                    cause);
        }
    }

    static final class EmbeddedPlatformMissing extends AbstractFailureAnalyzer<EmbeddedPlatformMissingException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, EmbeddedPlatformMissingException cause) {
            return new FailureAnalysis(cause.getMessage() + ".",
                    "Run it with --spring.profiles.active=prod and the services' settings (config/env.sh), or use the "
                            + "full nexusai-server.jar (the runtime image, installers/run.sh) for embedded mode.",
                    cause);
        }
    }
}
