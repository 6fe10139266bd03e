/**
 * NexusAI shared library: what both the console and tooling need, with explicit dependencies only.
 */
module com.nexusai.core {
    requires transitive tools.jackson.databind;
    requires java.net.http;

    exports com.nexusai.core.alerts;
    exports com.nexusai.core.api;
    exports com.nexusai.core.backups;
    exports com.nexusai.core.chat;
    exports com.nexusai.core.incidents;
    exports com.nexusai.core.investigations;
    exports com.nexusai.core.maintenance;
    exports com.nexusai.core.preflight;
    exports com.nexusai.core.dashboard;
    exports com.nexusai.core.diagnostics;
    exports com.nexusai.core.metrics;
    exports com.nexusai.core.runbook;
    exports com.nexusai.core.users;
}
