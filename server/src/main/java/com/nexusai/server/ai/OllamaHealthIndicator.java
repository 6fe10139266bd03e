package com.nexusai.server.ai;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "ollama" health component. AI chat is optional: when Ollama cannot be reached, or lacks the
 * model, the component says so with the fix, under the status {@value #UNAVAILABLE_CODE}. That
 * status is left out of the aggregate, so the server stays UP and everything else keeps working.
 */
@Component("ollamaHealthIndicator")
class OllamaHealthIndicator implements HealthIndicator {

    static final String UNAVAILABLE_CODE = "UNAVAILABLE";
    static final Status UNAVAILABLE = new Status(UNAVAILABLE_CODE, "AI chat is unavailable; the rest of NexusAI works");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final OllamaProperties properties;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    OllamaHealthIndicator(OllamaProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Health health() {
        URI base = properties.baseUrl();
        Health.Builder builder = Health.status(UNAVAILABLE).withDetail("baseUrl", base.toString())
                .withDetail("model", properties.model());
        JsonNode version;
        JsonNode tags;
        try {
            version = get(base.resolve("/api/version"));
            tags = get(base.resolve("/api/tags"));
        } catch (Exception e) {
            return builder.withDetail("error", "Ollama cannot be reached at " + base + ": " + describe(e))
                    .withDetail("fix", "start Ollama on that host (ollama serve) or set OLLAMA_URL / nexusai.ai.ollama.base-url")
                    .build();
        }
        builder.withDetail("version", version.path("version").asString("unknown"));
        boolean hasModel = tags.path("models").valueStream().map(m -> m.path("name").asString(""))
                .anyMatch(name -> name.equals(properties.model()) || name.startsWith(properties.model() + ":"));
        if (!hasModel) {
            return builder.withDetail("error", "the model " + properties.model() + " is not installed")
                    .withDetail("fix", "ollama pull " + properties.model())
                    .build();
        }
        return builder.status(Status.UP).build();
    }

    private JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri.getPath() + " answered HTTP " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }

    private static String describe(Exception e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
