package com.nexusai.core.backups;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;

final class HttpBackupsApi implements BackupsApi {

    private final NexusClient client;

    HttpBackupsApi(NexusClient client) {
        this.client = client;
    }

    @Override
    public List<Backup> recent(int limit) throws IOException, InterruptedException {
        return client.getJson("/api/admin/backups?limit=" + limit).valueStream().map(HttpBackupsApi::backup).toList();
    }

    @Override
    public List<Backup> start(String kind) throws IOException, InterruptedException {
        return client.postJson("/api/admin/backups", Map.of("kind", kind)).valueStream().map(HttpBackupsApi::backup).toList();
    }

    @Override
    public void verify(String id) throws IOException, InterruptedException {
        client.postJson("/api/admin/backups/" + id + "/verify", Map.of());
    }

    @Override
    public void restore(String id, String confirm) throws IOException, InterruptedException {
        client.postJson("/api/admin/backups/" + id + "/restore", Map.of("confirm", confirm));
    }

    static Backup backup(JsonNode run) {
        return new Backup(Json.text(run, "id"), Json.text(run, "kind"), Backup.Status.of(Json.text(run, "status")), Json.instant(run, "startedAt"),
                Json.longOrNull(run, "sizeBytes"), Json.longOrNull(run, "bytesSoFar"), Json.text(run, "verification"), Json.text(run, "source"),
                Json.text(run, "error"));
    }
}
