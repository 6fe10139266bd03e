/**
 * NexusAI shared library: what both the console and tooling need, with explicit dependencies only.
 */
module com.nexusai.core {
}
