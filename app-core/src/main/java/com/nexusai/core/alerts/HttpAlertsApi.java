package com.nexusai.core.alerts;

import java.io.IOException;
import java.util.Collections;
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
        return client.getJson("/api/alerts").valueStream().map(HttpAlertsApi::alert).toList();
    }

    private static AlertEngine.Alert alert(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
        return new AlertEngine.Alert(Json.text(node, "name"), Json.text(node, "severity"), Json.text(node, "summary"), Collections.unmodifiableMap(labels),
                node.path("value").asDouble(), AlertEngine.State.valueOf(Json.text(node, "state")), Json.instant(node, "activeSince"));
    }
}
