package com.nexusai.core.chat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.nexusai.core.api.ChatStream;
import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;
import tools.jackson.databind.JsonNode;

final class HttpChatApi implements ChatApi {

    private static final String CONVERSATIONS = "/api/ai/conversations";

    private final NexusClient client;

    HttpChatApi(NexusClient client) {
        this.client = client;
    }

    @Override
    public ChatModels models() throws IOException, InterruptedException {
        JsonNode models = client.getJson("/api/ai/models");
        return new ChatModels(models.path("models").valueStream().map(m -> Json.text(m, "name")).toList(),
                Json.text(models, "configuredModel"), models.path("configuredModelInstalled").asBoolean(true));
    }

    @Override
    public List<Conversation.Summary> conversations(int size) throws IOException, InterruptedException {
        return client.getJson(CONVERSATIONS + "?size=" + size).path("items").valueStream()
                .map(c -> new Conversation.Summary(Json.text(c, "id"), Json.text(c, "title"))).toList();
    }

    @Override
    public Conversation conversation(String id) throws IOException, InterruptedException {
        JsonNode conversation = client.getJson(CONVERSATIONS + "/" + id);
        return new Conversation(id, Json.text(conversation, "title"), conversation.path("messages").valueStream()
                .map(m -> new Conversation.Message(Json.text(m, "role"), Json.text(m, "content"), Json.text(m, "status"))).toList());
    }

    @Override
    public void rename(String id, String title) throws IOException, InterruptedException {
        client.patchJson(CONVERSATIONS + "/" + id, Map.of("title", title));
    }

    @Override
    public void delete(String id) throws IOException, InterruptedException {
        client.delete(CONVERSATIONS + "/" + id);
    }

    @Override
    public ChatStream ask(String message, String conversationId, String model) throws IOException, InterruptedException {
        return client.chat(message, conversationId, model);
    }

    @Override
    public ChatStream ask(String message, String conversationId, String model, boolean tools) throws IOException, InterruptedException {
        return client.chat(message, conversationId, model, tools);
    }

    @Override
    public String run(ChatStream.Proposal proposal) throws IOException, InterruptedException {
        return client.run(proposal);
    }

    @Override
    public void cancel(String generationId) throws IOException, InterruptedException {
        client.delete("/api/ai/generations/" + generationId);
    }
}
