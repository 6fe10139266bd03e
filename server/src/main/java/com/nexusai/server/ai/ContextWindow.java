package com.nexusai.server.ai;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many tokens of context a chat asks Ollama for ({@code options.num_ctx}): the model's own context length, as
 * {@code POST /api/show} reports it ({@code model_info["<family>.context_length"]}), at most
 * {@link OllamaProperties#maxContext()}. Ollama's own default is far smaller than what tool definitions and their results
 * need, and a prompt longer than {@code num_ctx} is cut from the front without an error. Read once per model; when
 * Ollama cannot say, {@link #OLLAMA_DEFAULT}, what it would use anyway.
 */
@Component
class ContextWindow {

    static final int OLLAMA_DEFAULT = 4096;
    private static final Duration SHOW_WITHIN = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ContextWindow.class);

    private final HttpClient http;
    private final JsonMapper json;
    private final OllamaProperties properties;
    private final Map<String, Integer> known = new ConcurrentHashMap<>();

    ContextWindow(@Qualifier("ollamaHttpClient") HttpClient http, JsonMapper json, OllamaProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
    }

    int tokensFor(String model) {
        Integer length = known.get(model);
        if (length == null) {
            length = modelLength(model);
            if (length != null) {
                known.put(model, length);
            }
        }
        return Math.min(length == null ? OLLAMA_DEFAULT : length, properties.maxContext());
    }

    private Integer modelLength(String model) {
        try {
            HttpRequest request = HttpRequest.newBuilder(properties.baseUrl().resolve("/api/show")).timeout(SHOW_WITHIN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("model", model)))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            for (Map.Entry<String, JsonNode> field : json.readTree(response.body()).path("model_info").properties()) {
                if (field.getKey().endsWith(".context_length") && field.getValue().canConvertToInt()) {
                    return field.getValue().asInt();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            log.debug("Ollama did not say the context length of {}: {}", model, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
