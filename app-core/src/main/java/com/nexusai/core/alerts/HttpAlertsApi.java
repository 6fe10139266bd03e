package com.nexusai.core.alerts;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;

final class HttpAlertsApi implements AlertsApi {

    private final NexusClient client;

    HttpAlertsApi(NexusClient client) {
        this.client = client;
    }

    @Override
    public List<AlertEngine.Alert> active() throws IOException, InterruptedException {
        return fleet().stream().map(FleetAlert::alert).toList();
    }

    @Override
    public List<FleetAlert> fleet() throws IOException, InterruptedException {
        return client.getJson("/api/alerts").valueStream().map(HttpAlertsApi::fleetAlert).toList();
    }

    @Override
    public List<AlertTransition> history(Instant since, Instant until, String rule, String instance) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("/api/alerts/history?limit=10000&since=").append(since).append("&until=").append(until);
        if (rule != null) {
            query.append("&rule=").append(URLEncoder.encode(rule, StandardCharsets.UTF_8));
        }
        if (instance != null) {
            query.append("&instance=").append(URLEncoder.encode(instance, StandardCharsets.UTF_8));
        }
        return client.getJson(query.toString()).valueStream().map(t -> new AlertTransition(Json.text(t, "episodeId"), Json.text(t, "rule"),
                Json.text(t, "instance"), labels(t.path("labels")), Json.text(t, "severity"), Json.text(t, "state"), t.path("value").asDouble(),
                Json.instant(t, "at"))).toList();
    }

    @Override
    public FleetAlert acknowledge(String id, String comment) throws IOException, InterruptedException {
        return fleetAlert(client.postJson("/api/alerts/" + id + "/acknowledge", Map.of("comment", comment)));
    }

    @Override
    public List<SharedSilence> silences() throws IOException, InterruptedException {
        return client.getJson("/api/alerts/silences").valueStream().map(HttpAlertsApi::silence).toList();
    }

    @Override
    public SharedSilence silence(String rule, String instance, Instant until, String reason) throws IOException, InterruptedException {
        Map<String, Object> matchers = new HashMap<>();
        matchers.put("rule", rule);
        if (instance != null) {
            matchers.put("instance", instance);
        }
        return silence(client.postJson("/api/alerts/silences", Map.of("matchers", matchers, "until", until.toString(), "reason", reason)));
    }

    @Override
    public void lift(String silenceId) throws IOException, InterruptedException {
        client.delete("/api/alerts/silences/" + silenceId);
    }

    private static FleetAlert fleetAlert(JsonNode node) {
        AlertEngine.Alert alert = new AlertEngine.Alert(Json.text(node, "name"), Json.text(node, "severity"), Json.text(node, "summary"),
                labels(node.path("labels")), node.path("value").asDouble(), AlertEngine.State.valueOf(Json.text(node, "state")),
                Json.instant(node, "activeSince"));
        JsonNode taken = node.path("acknowledged");
        JsonNode quiet = node.path("silenced");
        return new FleetAlert(Json.text(node, "id"), alert, Json.instant(node, "firingSince"),
                taken.isObject() ? new FleetAlert.Acknowledgement(Json.text(taken, "by"), Json.instant(taken, "at"), Json.text(taken, "comment")) : null,
                quiet.isObject() ? new FleetAlert.Silenced(Json.text(quiet, "kind"), Json.text(quiet, "id"), Json.instant(quiet, "until"),
                        Json.text(quiet, "reason"), Json.text(quiet, "by")) : null);
    }

    private static SharedSilence silence(JsonNode node) {
        return new SharedSilence(Json.text(node, "id"), Json.text(node, "rule"), Json.text(node, "instance"), Json.instant(node, "until"),
                Json.text(node, "reason"), Json.text(node, "createdBy"), Json.instant(node, "createdAt"));
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
        return Collections.unmodifiableMap(labels);
    }
}
