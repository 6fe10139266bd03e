package com.nexusai.core.investigations;

import java.io.IOException;
import java.util.List;

import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;

final class HttpInvestigationsApi implements InvestigationsApi {

    private final NexusClient client;

    HttpInvestigationsApi(NexusClient client) {
        this.client = client;
    }

    @Override
    public String instance() {
        return client.base().getAuthority();
    }

    @Override
    public List<Finding> findings() throws IOException, InterruptedException {
        return client.getJson("/api/investigations/findings").valueStream().map(HttpInvestigationsApi::finding).toList();
    }

    static Finding finding(JsonNode node) {
        List<Finding.Evidence> evidence = node.path("evidence").valueStream()
                .map(item -> new Finding.Evidence(item.path("source").asString(), item.path("name").asString(), item.path("value").asString()))
                .toList();
        JsonNode row = node.path("runbookRow");
        return new Finding(node.path("id").asString(), node.path("severity").asString(), node.path("title").asString(), evidence,
                row.isMissingNode() || row.isNull() ? null : row.asString(), node.path("next").asString());
    }
}
