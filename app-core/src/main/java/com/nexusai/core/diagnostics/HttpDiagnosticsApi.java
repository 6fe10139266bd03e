package com.nexusai.core.diagnostics;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.nexusai.core.api.EventStream;
import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;

final class HttpDiagnosticsApi implements DiagnosticsApi {

    private final NexusClient client;

    HttpDiagnosticsApi(NexusClient client) {
        this.client = client;
    }

    @Override
    public String instance() {
        return client.base().getAuthority();
    }

    @Override
    public HealthNode health() throws IOException, InterruptedException {
        return node("health", client.getJson("/actuator/health"));
    }

    /** A component: its parts, then its details (a detail that is itself an object is a part of its own). */
    static HealthNode node(String name, JsonNode component) {
        List<HealthNode> children = new ArrayList<>();
        component.path("components").properties().forEach(part -> children.add(node(part.getKey(), part.getValue())));
        component.path("details").properties().forEach(detail -> children.add(detail.getValue().isContainer()
                ? node(detail.getKey(), detail.getValue()) : new HealthNode(detail.getKey(), null, detail.getValue().asString(), List.of())));
        return new HealthNode(name, Json.text(component, "status"), null, List.copyOf(children));
    }

    @Override
    public String threadDump() throws IOException, InterruptedException {
        return client.getText("/api/diagnostics/threads");
    }

    @Override
    public EventStream followLog(int lines, String level, String search) throws IOException, InterruptedException {
        String query = "?follow=true&lines=" + lines + (level == null || level.isBlank() ? "" : "&level=" + level)
                + (search == null || search.isBlank() ? "" : "&q=" + URLEncoder.encode(search.strip(), StandardCharsets.UTF_8));
        return client.events("/api/diagnostics/logs" + query);
    }

    @Override
    public List<String> recentLog(int lines, String level) throws IOException, InterruptedException {
        List<String> read = new ArrayList<>();
        try (EventStream stream = client.events("/api/diagnostics/logs?lines=" + lines + (level == null ? "" : "&level=" + level))) {
            stream.read((name, line) -> read.add(line));
        }
        return read;
    }

    @Override
    public LoggerLevels logger(String name) throws IOException, InterruptedException {
        return levels(client.getJson("/api/diagnostics/loggers/" + name));
    }

    @Override
    public LoggerLevels setLogger(String name, String level) throws IOException, InterruptedException {
        return levels(client.postJson("/api/diagnostics/loggers/" + name, Map.of("level", level == null ? "" : level)));
    }

    private static LoggerLevels levels(JsonNode logger) {
        String configured = Json.text(logger, "configuredLevel");
        String effective = Json.text(logger, "effectiveLevel");
        return new LoggerLevels(configured == null ? "" : configured, effective == null ? "" : effective);
    }

    @Override
    public long downloadHeap(String reason, Path target, NexusClient.Progress progress, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        return client.download("/api/diagnostics/heap?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8), target, progress, cancelled);
    }
}
