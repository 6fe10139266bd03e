package com.nexusai.server.exporters;

import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The "exporters" health component: where each exporter that is switched on answers. One that could not
 * start (its port taken) shows under the status UNAVAILABLE with the reason and the setting to change; like
 * Ollama's, that status is left out of the aggregate: the server itself works.
 */
@Component("exportersHealthIndicator")
class ExportersHealthIndicator implements HealthIndicator {

    private static final Status UNAVAILABLE = new Status("UNAVAILABLE", "an exporter is not running; the rest of NexusAI works");

    private final Exporters exporters;

    ExportersHealthIndicator(Exporters exporters) {
        this.exporters = exporters;
    }

    @Override
    public Health health() {
        Map<String, String> failures = exporters.failures();
        Map<String, String> urls = exporters.urls();
        if (failures.isEmpty() && urls.isEmpty()) {
            return Health.up().withDetail("enabled", "none (nexusai.exporters.{postgres,redis,kafka}.enabled)").build();
        }
        Health.Builder health = failures.isEmpty() ? Health.up() : Health.status(UNAVAILABLE);
        health.withDetails(urls);
        failures.forEach((name, reason) -> health.withDetail(name, "not running: " + reason));
        if (!failures.isEmpty()) {
            health.withDetail("fix", "set nexusai.exporters.<name>.port to a free port, or stop what holds it, then restart");
        }
        return health.build();
    }
}
