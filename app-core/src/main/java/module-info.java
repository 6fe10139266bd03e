/**
 * NexusAI shared library: what both the console and tooling need, with explicit dependencies only.
 */
module com.nexusai.core {
    requires tools.jackson.databind;

    exports com.nexusai.core.alerts;
    exports com.nexusai.core.metrics;
}
