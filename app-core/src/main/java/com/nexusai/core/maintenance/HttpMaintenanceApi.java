package com.nexusai.core.maintenance;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;

final class HttpMaintenanceApi implements MaintenanceApi {

    private final NexusClient client;

    HttpMaintenanceApi(NexusClient client) {
        this.client = client;
    }

    @Override
    public List<MaintenanceJob> jobs() throws IOException, InterruptedException {
        return client.getJson("/api/admin/maintenance").valueStream().map(job -> new MaintenanceJob(Json.text(job, "name"),
                Json.text(job, "description"), Json.text(job, "cron"), Json.instant(job, "nextRun"),
                job.path("lastRun").isObject() ? run(job.path("lastRun")) : null)).toList();
    }

    @Override
    public List<MaintenanceRun> runs(int limit) throws IOException, InterruptedException {
        return client.getJson("/api/admin/maintenance/runs?limit=" + limit).valueStream().map(HttpMaintenanceApi::run).toList();
    }

    @Override
    public void run(String job) throws IOException, InterruptedException {
        client.postJson("/api/admin/maintenance/" + job + "/run", Map.of());
    }

    @Override
    public void markDone(String runId) throws IOException, InterruptedException {
        client.postJson("/api/admin/maintenance/runs/" + runId + "/done", Map.of());
    }

    static MaintenanceRun run(JsonNode run) {
        return new MaintenanceRun(Json.text(run, "id"), Json.text(run, "job"), Json.instant(run, "startedAt"), Json.text(run, "status"),
                Json.text(run, "requestedBy"), Json.text(run, "trigger"), Json.text(run, "node"), Json.text(run, "summary"),
                Json.text(run, "doneBy"), Json.instant(run, "doneAt"));
    }
}
