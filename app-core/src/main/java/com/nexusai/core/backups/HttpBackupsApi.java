package com.nexusai.core.backups;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.nexusai.core.api.EventStream;
import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    public BackupJob verify(String id) throws IOException, InterruptedException {
        return job(client.postJson("/api/admin/backups/" + id + "/verify", Map.of()));
    }

    @Override
    public BackupJob restore(String id, String confirm) throws IOException, InterruptedException {
        return job(client.postJson("/api/admin/backups/" + id + "/restore", Map.of("confirm", confirm)));
    }

    @Override
    public BackupJob follow(BackupJob job, Consumer<BackupJob> progress) throws IOException, InterruptedException {
        String path = "/api/admin/backups/jobs/" + job.id();
        AtomicReference<BackupJob> last = new AtomicReference<>(job);
        try (EventStream events = client.events(path + "/progress")) {
            events.read((name, data) -> {
                BackupJob now = job(JSON.readTree(data));
                last.set(now);
                progress.accept(now);
                return !name.equals("finished");
            });
        }
        return last.get().running() ? job(client.getJson(path)) : last.get();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static BackupJob job(JsonNode job) {
        return new BackupJob(Json.text(job, "id"), Json.text(job, "action"), Json.text(job, "backupId"), Backup.Status.of(Json.text(job, "status")),
                Json.text(job, "step"), job.path("bytesDone").asLong(0), Json.longOrNull(job, "bytesTotal"), Json.text(job, "detail"));
    }

    static Backup backup(JsonNode run) {
        return new Backup(Json.text(run, "id"), Json.text(run, "kind"), Backup.Status.of(Json.text(run, "status")), Json.instant(run, "startedAt"),
                Json.longOrNull(run, "sizeBytes"), Json.longOrNull(run, "bytesSoFar"), Json.text(run, "verification"), Json.text(run, "source"),
                Json.text(run, "error"));
    }
}
