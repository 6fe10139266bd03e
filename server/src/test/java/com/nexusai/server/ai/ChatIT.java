package com.nexusai.server.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.EventStream;
import com.nexusai.server.support.EventStream.Event;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.OllamaStandIn;
import com.nexusai.server.support.OllamaStandIn.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/ai} against the Ollama stand-in (test code speaking Ollama's wire protocol) and the
 * real embedded PostgreSQL and Kafka. The token timeout is 4 s here so that its test is short.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "nexusai.ai.ollama.timeout=4s")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatIT extends EmbeddedServerTest {

    static OllamaStandIn ollama;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) throws IOException {
        ollama = OllamaStandIn.start(List.of("llama3:latest"));
        registry.add("nexusai.ai.ollama.base-url", () -> ollama.baseUrl().toString());
    }

    @AfterEach
    void defaultAnswer() {
        ollama.script(Script.answer("Hello", ",", " world", "!"));
    }

    @AfterAll
    static void stopOllama() {
        ollama.close();
    }

    private EventStream chat(String token, Map<String, Object> body) throws Exception {
        return new EventStream(http.sendStream(http.request("/api/ai/chat", token)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(body)))));
    }

    private static Map<String, Object> message(String text) {
        return Map.of("message", text);
    }

    private static Map<String, Object> message(String text, Object conversationId) {
        return Map.of("message", text, "conversationId", conversationId.toString());
    }

    private static String body(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The next event other than a {@code phase} (reading the prompt, generating), which these tests do not look at. */
    private static Event next(EventStream stream) throws Exception {
        Event event = stream.next();
        while (event != null && event.name().equals("phase")) {
            event = stream.next();
        }
        return event;
    }

    private static String text(List<Event> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("token")).forEach(e -> text.append(e.json().path("content").asString()));
        return text.toString();
    }

    private JsonNode transcript(String token, String conversationId) throws Exception {
        HttpResponse<String> response = http.get("/api/ai/conversations/" + conversationId, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    @Test
    void anAnswerStreamsTokenByTokenAndEndsWithOllamasCounts() throws Exception {
        String alice = newUser("USER");
        List<Event> events;
        try (EventStream stream = chat(alice, message("Hi there"))) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.response().headers().firstValue("X-Accel-Buffering")).hasValue("no");
            events = stream.rest();
        }
        assertThat(events).extracting(Event::name).containsExactly("start", "phase", "phase", "token", "token", "token", "token", "done");
        assertThat(text(events)).isEqualTo("Hello, world!");
        JsonNode start = events.getFirst().json();
        assertThat(start.path("model").asString()).isEqualTo("llama3");
        JsonNode done = events.getLast().json();
        assertThat(done.path("done_reason").asString()).isEqualTo("stop");
        assertThat(done.path("eval_count").asInt()).isEqualTo(4);
        long evalDuration = done.path("eval_duration").asLong();
        assertThat(evalDuration).isPositive();
        assertThat(done.path("tokens_per_second").asDouble()).isCloseTo(4 * 1e9 / evalDuration, org.assertj.core.data.Percentage.withPercentage(0.01));

        JsonNode sent = Http.json(ollama.lastChat().requestBody());
        assertThat(sent.path("model").asString()).isEqualTo("llama3");
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("messages")).hasSize(1);
        assertThat(sent.path("messages").get(0).path("role").asString()).isEqualTo("user");
        assertThat(sent.path("messages").get(0).path("content").asString()).isEqualTo("Hi there");

        String conversationId = start.path("conversationId").asString();
        JsonNode transcript = transcript(alice, conversationId);
        assertThat(transcript.path("conversation").path("title").asString()).isEqualTo("Hi there");
        JsonNode messages = transcript.path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asString()).isEqualTo("Hello, world!");
        assertThat(messages.get(1).path("status").asString()).isEqualTo("complete");
        assertThat(messages.get(1).path("evalCount").asInt()).isEqualTo(4);
        assertThat(messages.get(1).path("id").asString()).isEqualTo(done.path("messageId").asString());

        JsonNode list = Http.json(http.get("/api/ai/conversations", alice));
        assertThat(list.path("items")).extracting(c -> c.path("id").asString()).contains(conversationId);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> found = Http.json(http.get("/api/events?type=chat.completed", admin)).valueStream().toList();
            assertThat(found).anySatisfy(event -> {
                assertThat(event.path("aggregateId").asString()).isEqualTo(conversationId);
                assertThat(Http.json(event.path("payload").asString()).path("evalCount").asInt()).isEqualTo(4);
            });
        });
    }

    @Test
    void aConversationResumesWithItsHistoryAndIsPrivate() throws Exception {
        String alice = newUser("USER");
        String bob = newUser("USER");
        String conversationId;
        try (EventStream stream = chat(alice, message("First question"))) {
            conversationId = next(stream).json().path("conversationId").asString();
            stream.rest();
        }
        ollama.script(Script.answer("Second", " answer"));
        try (EventStream stream = chat(alice, message("And then?", conversationId))) {
            assertThat(next(stream).json().path("conversationId").asString()).isEqualTo(conversationId);
            assertThat(text(stream.rest())).isEqualTo("Second answer");
        }
        JsonNode sent = Http.json(ollama.lastChat().requestBody()).path("messages");
        assertThat(sent).extracting(m -> m.path("role").asString() + ":" + m.path("content").asString())
                .containsExactly("user:First question", "assistant:Hello, world!", "user:And then?");
        assertThat(transcript(alice, conversationId).path("messages")).hasSize(4);

        try (EventStream stream = chat(bob, message("Let me in", conversationId))) {
            assertThat(stream.response().statusCode()).isEqualTo(404);
        }
        assertThat(http.get("/api/ai/conversations/" + conversationId, bob).statusCode()).isEqualTo(404);
        assertThat(Http.json(http.get("/api/ai/conversations", bob)).path("items")).isEmpty();
        assertThat(http.get("/api/ai/conversations/" + conversationId, admin).statusCode()).isEqualTo(200);
        assertThat(http.send(http.request("/api/ai/conversations/" + conversationId, bob).DELETE()).statusCode()).isEqualTo(404);

        // renamed by its owner; nobody else's to rename; a blank or overlong title is refused with the reason
        var rename = (java.util.function.BiFunction<String, String, HttpRequest.Builder>) (title, token) -> http
                .request("/api/ai/conversations/" + conversationId, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Http.toJson(java.util.Map.of("title", title))));
        HttpResponse<String> renamed = http.send(rename.apply("  Disk alert on app2  ", alice));
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(Http.json(renamed).path("title").asString()).isEqualTo("Disk alert on app2");
        assertThat(Http.json(http.get("/api/ai/conversations", alice)).path("items").get(0).path("title").asString()).isEqualTo("Disk alert on app2");
        assertThat(http.send(rename.apply("Mine now", bob)).statusCode()).isEqualTo(404);
        HttpResponse<String> blank = http.send(rename.apply(" ", alice));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(Http.json(blank).path("detail").asString()).contains("1 to 200 characters");
        assertThat(http.send(rename.apply("x".repeat(201), alice)).statusCode()).isEqualTo(400);

        assertThat(http.send(http.request("/api/ai/conversations/" + conversationId, alice).DELETE()).statusCode()).isEqualTo(204);
        assertThat(http.get("/api/ai/conversations/" + conversationId, alice).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from ai_messages where conversation_id = ?::uuid", Long.class, conversationId)).isZero();
    }

    @Test
    void tokensReachTheClientWhileTheAnswerIsStillBeingGenerated() throws Exception {
        ollama.script(Script.tokens(5).every(Duration.ofMillis(300)));
        try (EventStream stream = chat(admin, message("Slowly, please"))) {
            next(stream);
            Event first = next(stream);
            assertThat(first.name()).isEqualTo("token");
            assertThat(ollama.lastChat().tokensSent()).as("tokens generated when the first reached the client").isLessThan(5);
            assertThat(text(stream.rest())).isEqualTo("t1 t2 t3 t4 ");
        }
    }

    @Test
    void closingTheStreamAbortsTheRequestToOllamaAtOnce() throws Exception {
        String alice = newUser("USER");
        ollama.script(Script.tokens(200).every(Duration.ofMillis(50)));
        String conversationId;
        long closedAt;
        try (EventStream stream = chat(alice, message("Tell me a long story"))) {
            conversationId = next(stream).json().path("conversationId").asString();
            for (int i = 0; i < 3; i++) {
                assertThat(next(stream).name()).isEqualTo("token");
            }
            closedAt = System.nanoTime();
        }
        OllamaStandIn.Chat upstream = ollama.lastChat();
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(upstream.clientClosed()).isTrue());
        assertThat(Duration.ofNanos(upstream.clientClosedNanos() - closedAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(upstream.completed()).isFalse();
        assertThat(upstream.tokensSent()).isLessThan(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode messages = transcript(alice, conversationId).path("messages");
            assertThat(messages).hasSize(2);
            assertThat(messages.get(1).path("status").asString()).isEqualTo("cancelled");
            assertThat(messages.get(1).path("content").asString()).startsWith("t0 t1 t2 ");
        });
        assertThat(Http.json(http.get("/api/ai/generations", alice))).isEmpty();
    }

    @Test
    void closingTheStreamWhileOllamaIsSilentAbortsItToo() throws Exception {
        ollama.script(Script.answer("late").firstTokenAfter(Duration.ofSeconds(30)));
        long closedAt;
        try (EventStream stream = chat(admin, message("Are you there?"))) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(next(stream).name()).isEqualTo("start");
            closedAt = System.nanoTime();
        }
        OllamaStandIn.Chat upstream = ollama.lastChat();
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(upstream.clientClosed()).isTrue());
        assertThat(Duration.ofNanos(upstream.clientClosedNanos() - closedAt)).as("found by the next keep-alive")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void deletingTheRunningGenerationStopsItForItsOwnerOrAnAdminOnly() throws Exception {
        String alice = newUser("USER");
        String bob = newUser("USER");
        ollama.script(Script.tokens(200).every(Duration.ofMillis(50)));
        try (EventStream stream = chat(alice, message("Count for me"))) {
            JsonNode start = next(stream).json();
            String generationId = start.path("generationId").asString();
            assertThat(next(stream).name()).isEqualTo("token");

            JsonNode running = Http.json(http.get("/api/ai/generations", alice));
            assertThat(running).extracting(g -> g.path("generationId").asString()).containsExactly(generationId);
            assertThat(Http.json(http.get("/api/ai/generations", bob))).isEmpty();
            assertThat(Http.json(http.get("/api/ai/generations", admin))).extracting(g -> g.path("generationId").asString())
                    .contains(generationId);

            assertThat(http.send(http.request("/api/ai/generations/" + generationId, bob).DELETE()).statusCode()).isEqualTo(404);
            HttpResponse<String> cancelled = http.send(http.request("/api/ai/generations/" + generationId, alice).DELETE());
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(204);

            List<Event> rest = stream.rest();
            assertThat(rest.getLast().name()).isEqualTo("cancelled");
            assertThat(rest.getLast().json().path("reason").asString()).contains("cancelled by");
            OllamaStandIn.Chat upstream = ollama.lastChat();
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(upstream.clientClosed()).isTrue());
            assertThat(upstream.tokensSent()).isLessThan(200);
            assertThat(http.send(http.request("/api/ai/generations/" + generationId, alice).DELETE()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aCancelFromAnotherNodeReachesTheNodeThatStreams() throws Exception {
        String alice = newUser("USER");
        ollama.script(Script.tokens(200).every(Duration.ofMillis(50)));
        try (EventStream stream = chat(alice, message("Keep going"))) {
            String generationId = next(stream).json().path("generationId").asString();
            assertThat(next(stream).name()).isEqualTo("token");

            String denied = askAsAnotherNode(generationId, "mallory", false);
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(redis.opsForValue().get(denied)).isEqualTo("FORBIDDEN"));
            assertThat(next(stream).name()).as("someone else's request changes nothing").isEqualTo("token");

            String allowed = askAsAnotherNode(generationId, "admin", true);
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(redis.opsForValue().get(allowed)).isEqualTo("CANCELLED"));
            assertThat(stream.rest().getLast().name()).isEqualTo("cancelled");
            OllamaStandIn.Chat upstream = ollama.lastChat();
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(upstream.clientClosed()).isTrue());
        }
    }

    /** Publishes what another node's {@code DELETE /api/ai/generations/{id}} would; returns the key the answer goes to. */
    private String askAsAnotherNode(String generationId, String user, boolean admin) {
        String replyKey = "nexusai:ai:cancel-reply:test-" + UUID.randomUUID();
        Long listeners = redis.convertAndSend("nexusai:ai:cancel", Http.toJson(Map.of("generationId", generationId, "user", user,
                "admin", admin, "replyKey", replyKey)));
        assertThat(listeners).isEqualTo(1L);
        return replyKey;
    }

    @Test
    void oneAnswerAtATimePerConversation() throws Exception {
        String alice = newUser("USER");
        String conversationId;
        try (EventStream stream = chat(alice, message("Start"))) {
            conversationId = next(stream).json().path("conversationId").asString();
            stream.rest();
        }
        ollama.script(Script.tokens(100).every(Duration.ofMillis(50)));
        try (EventStream first = chat(alice, message("One", conversationId))) {
            next(first);
            try (EventStream second = chat(alice, message("Two", conversationId))) {
                assertThat(second.response().statusCode()).isEqualTo(409);
                assertThat(body(second.response())).contains("still being generated");
            }
        }
    }

    @Test
    void noTokenWithinTheTimeoutEndsTheAnswerWithAnError() throws Exception {
        String alice = newUser("USER");
        ollama.script(Script.answer("too late").firstTokenAfter(Duration.ofSeconds(30)));
        try (EventStream stream = chat(alice, message("Hello?"))) {
            assertThat(stream.response().statusCode()).as("the stream opens once the status wait is over").isEqualTo(200);
            String conversationId = next(stream).json().path("conversationId").asString();
            Event error = next(stream);
            assertThat(error.name()).isEqualTo("error");
            assertThat(error.json().path("status").asInt()).isEqualTo(504);
            assertThat(error.json().path("detail").asString()).contains("no token for 4 s");
            assertThat(error.json().path("fix").asString()).contains("ollama ps");
            assertThat(next(stream)).isNull();
            OllamaStandIn.Chat upstream = ollama.lastChat();
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(upstream.clientClosed()).isTrue());
            assertThat(transcript(alice, conversationId).path("messages").get(1).path("status").asString()).isEqualTo("timed_out");
        }
    }

    @Test
    void aStreamThatBreaksIsReportedAndWhatCameIsKept() throws Exception {
        String alice = newUser("USER");
        ollama.script(Script.tokens(10).disconnectAfter(3));
        try (EventStream stream = chat(alice, message("Go"))) {
            String conversationId = next(stream).json().path("conversationId").asString();
            List<Event> rest = stream.rest();
            assertThat(text(rest)).isEqualTo("t0 t1 t2 ");
            Event error = rest.getLast();
            assertThat(error.name()).isEqualTo("error");
            assertThat(error.json().path("status").asInt()).isEqualTo(502);
            assertThat(error.json().path("detail").asString()).contains("broke in the middle");
            JsonNode answer = transcript(alice, conversationId).path("messages").get(1);
            assertThat(answer.path("status").asString()).isEqualTo("failed");
            assertThat(answer.path("content").asString()).isEqualTo("t0 t1 t2 ");
        }
    }

    @Test
    void aMissingModelIs404WithThePullCommandAndStoresNothing() throws Exception {
        String alice = newUser("USER");
        Map<String, Object> request = new HashMap<>(message("Hi"));
        request.put("model", "mistral");
        try (EventStream stream = chat(alice, request)) {
            assertThat(stream.response().statusCode()).isEqualTo(404);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = Http.json(body(stream.response()));
            assertThat(problem.path("detail").asString()).contains("does not have the model mistral")
                    .contains("not found, try pulling it first");
            assertThat(problem.path("fix").asString()).isEqualTo("ollama pull mistral");
        }
        assertThat(Http.json(http.get("/api/ai/conversations", alice)).path("total").asLong()).isZero();
        assertThat(Http.json(http.get("/api/ai/generations", alice))).isEmpty();
    }

    @Test
    void anOllamaErrorIs502WithItsMessage() throws Exception {
        ollama.script(Script.error(500, "CUDA error: out of memory"));
        try (EventStream stream = chat(admin, message("Hi"))) {
            assertThat(stream.response().statusCode()).isEqualTo(502);
            assertThat(body(stream.response())).contains("Ollama answered HTTP 500: CUDA error: out of memory");
        }
    }

    @Test
    void anUnreachableOllamaIs503WithTheFixAndTheRestKeepsWorking() throws Exception {
        int port = ollama.port();
        ollama.close();
        try {
            try (EventStream stream = chat(admin, message("Hi"))) {
                assertThat(stream.response().statusCode()).isEqualTo(503);
                JsonNode problem = Http.json(body(stream.response()));
                assertThat(problem.path("detail").asString()).contains("cannot be reached").contains("connection refused");
                assertThat(problem.path("fix").asString()).contains("ollama serve");
            }
            HttpResponse<String> models = http.get("/api/ai/models", admin);
            assertThat(models.statusCode()).isEqualTo(503);
            assertThat(Http.json(models).path("fix").asString()).contains("ollama serve");
            HttpResponse<String> enFrancais = http.send(http.request("/api/ai/models", admin).header("Accept-Language", "fr-FR,fr;q=0.9").GET());
            assertThat(enFrancais.statusCode()).isEqualTo(503);
            assertThat(enFrancais.headers().firstValue("Content-Language")).hasValue("fr");
            assertThat(Http.json(enFrancais).path("detail").asString()).startsWith("Ollama est injoignable à ").endsWith(" : connexion refusée");
            assertThat(Http.json(enFrancais).path("fix").asString()).startsWith("démarrez Ollama sur cet hôte (ollama serve)");
            assertThat(http.get("/api/ai/conversations", admin).statusCode()).isEqualTo(200);
            assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        } finally {
            ollama = OllamaStandIn.start(port, List.of("llama3:latest"));
        }
    }

    @Test
    void theModelsAreListedWithTheConfiguredOne() throws Exception {
        HttpResponse<String> response = http.get("/api/ai/models", newUser("USER"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode models = Http.json(response);
        assertThat(models.path("configuredModel").asString()).isEqualTo("llama3");
        assertThat(models.path("configuredModelInstalled").asBoolean()).isTrue();
        JsonNode first = models.path("models").get(0);
        assertThat(first.path("name").asString()).isEqualTo("llama3:latest");
        assertThat(first.path("family").asString()).isEqualTo("llama");
        assertThat(first.path("parameterSize").asString()).isEqualTo("8.0B");
        assertThat(first.path("modifiedAt").asString()).isEqualTo("2026-11-01T10:00:00Z");
    }

    @Test
    void badRequestsAre400WithTheReasonAndReachNoModel() throws Exception {
        int chatsBefore = ollama.chats().size();
        assertBadRequest(Http.toJson(Map.of("message", "   ")), "message: write something");
        assertBadRequest(Http.toJson(Map.of("message", "x".repeat(32_001))), "more than the 32000");
        assertBadRequest(Http.toJson(Map.of("message", "Hi", "model", "../../etc")), "is not a model name");
        assertBadRequest(Http.toJson(Map.of("message", "Hi", "conversationId", "not-a-uuid")), "conversationId: not a valid UUID");
        assertBadRequest("{\"message\": ", "");
        try (EventStream stream = chat(admin, message("Hi", UUID.randomUUID()))) {
            assertThat(stream.response().statusCode()).isEqualTo(404);
        }
        assertThat(ollama.chats()).hasSize(chatsBefore);
        assertThat(http.post("/api/ai/chat", Http.toJson(message("Hi")), null).statusCode()).isEqualTo(401);
    }

    private void assertBadRequest(String json, String reason) throws Exception {
        HttpResponse<String> response = http.post("/api/ai/chat", json, admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).path("detail").asString()).contains(reason);
    }
}
