package com.nexusai.core.incidents;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;

final class HttpIncidentsApi implements IncidentsApi {

    private final NexusClient client;

    HttpIncidentsApi(NexusClient client) {
        this.client = client;
    }

    @Override
    public List<Incident> list(Incident.Status status) throws IOException, InterruptedException {
        String filter = status == null ? "?limit=500" : "?status=" + status.wire();
        return client.getJson("/api/incidents" + filter).valueStream().map(HttpIncidentsApi::incident).toList();
    }

    @Override
    public IncidentDetails details(String id) throws IOException, InterruptedException {
        JsonNode details = client.getJson(path(id));
        return new IncidentDetails(incident(details.path("incident")), Json.text(details, "reachability"),
                details.path("reachableNow").valueStream().map(c -> new IncidentDetails.Contact(Json.text(c, "role"), Json.text(c, "email"),
                        Json.text(c, "days"), Json.text(c, "startTime"), Json.text(c, "endTime"))).toList(),
                details.path("checklist").valueStream().map(i -> new IncidentDetails.ChecklistItem(i.path("level").asInt(), i.path("index").asInt(),
                        Json.text(i, "fr"), Json.text(i, "en"), i.path("checked").asBoolean(), Json.text(i, "checkedBy"), Json.instant(i, "checkedAt")))
                        .toList(),
                details.path("timeline").valueStream().map(e -> new IncidentDetails.TimelineEntry(Json.instant(e, "at"), Json.text(e, "actor"),
                        Json.text(e, "action"), Json.text(e, "detail"))).toList(),
                details.path("snapshots").valueStream().map(s -> new IncidentDetails.Snapshot(Json.text(s, "id"), Json.instant(s, "takenAt"),
                        Json.text(s, "takenBy"))).toList());
    }

    @Override
    public Incident open(NewIncident incident) throws IOException, InterruptedException {
        Map<String, Object> request = new HashMap<>();
        request.put("title", incident.title());
        request.put("severity", incident.severity());
        if (incident.kind() != null) {
            request.put("kind", incident.kind());
        }
        if (incident.source() != null) {
            request.put("source", incident.source());
        }
        return incident(client.postJson("/api/incidents", request));
    }

    @Override
    public void acknowledge(String id) throws IOException, InterruptedException {
        client.postJson(path(id) + "/acknowledge", Map.of());
    }

    @Override
    public void note(String id, String text) throws IOException, InterruptedException {
        client.postJson(path(id) + "/notes", Map.of("text", text));
    }

    @Override
    public void escalate(String id, String why) throws IOException, InterruptedException {
        client.postJson(path(id) + "/escalate", Map.of("text", why));
    }

    @Override
    public void resolve(String id, String how) throws IOException, InterruptedException {
        client.postJson(path(id) + "/resolve", Map.of("text", how));
    }

    @Override
    public void takeSnapshot(String id) throws IOException, InterruptedException {
        client.postJson(path(id) + "/snapshots", Map.of());
    }

    @Override
    public void check(String id, int level, int index) throws IOException, InterruptedException {
        client.postJson(path(id) + "/checklist/" + level + "/" + index, Map.of());
    }

    @Override
    public String snapshot(String id, String snapshotId, boolean withThreadDump) throws IOException, InterruptedException {
        JsonNode snapshot = client.getJson(path(id) + "/snapshots/" + snapshotId);
        if (!withThreadDump && snapshot instanceof tools.jackson.databind.node.ObjectNode object) {
            object.remove("threadDump");
        }
        return snapshot.toPrettyString();
    }

    private static String path(String id) {
        return "/api/incidents/" + id;
    }

    static Incident incident(JsonNode node) {
        return new Incident(Json.text(node, "id"), Json.text(node, "title"), Json.text(node, "severity"), Json.text(node, "kind"),
                Json.text(node, "source"), Incident.Status.of(Json.text(node, "status")), node.path("level").asInt(1), Json.text(node, "assignee"),
                Json.text(node, "openedBy"), Json.instant(node, "openedAt"), Json.instant(node, "acknowledgedAt"));
    }
}
