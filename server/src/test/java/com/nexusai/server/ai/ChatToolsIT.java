package com.nexusai.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nexusai.server.metrics.StreamedResponses;
import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.EventStream;
import com.nexusai.server.support.EventStream.Event;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.OllamaStandIn;
import com.nexusai.server.support.OllamaStandIn.Script;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

/**
 * The chat with tools, against the Ollama stand-in speaking Ollama's tool-calling wire format (a tool call streamed in
 * the answer, the tool's result sent back as a {@code "role": "tool"} message in the next request) and the real
 * embedded platform the tools read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatToolsIT extends EmbeddedServerTest {

    static OllamaStandIn ollama;

    @Autowired
    MeterRegistry registry;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) throws IOException {
        ollama = OllamaStandIn.start(List.of("llama3:latest", "tiny:latest")).contextLength("tiny:latest", 300);
        registry.add("nexusai.ai.ollama.base-url", () -> ollama.baseUrl().toString());
    }

    @AfterAll
    static void stopOllama() {
        ollama.close();
    }

    private List<Event> askWithTools(String token, String message) throws Exception {
        return askWithTools(token, message, "llama3");
    }

    private List<Event> askWithTools(String token, String message, String model) throws Exception {
        try (EventStream stream = new EventStream(http.sendStream(http.request("/api/ai/chat", token)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream").header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("message", message, "tools", true, "model", model))))))) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            return stream.rest();
        }
    }

    private static List<JsonNode> named(List<Event> events, String name) {
        return events.stream().filter(event -> event.name().equals(name)).map(Event::json).toList();
    }

    private static List<String> toolNames(JsonNode request) {
        return request.path("tools").values().stream().map(tool -> tool.path("function").path("name").asString()).toList();
    }

    @Test
    void aStreamedToolCallIsRunAndItsResultGoesBackToTheModelInTheNextRequest() throws Exception {
        int before = ollama.chats().size();
        ollama.script(Script.callTool("run_analyzers", "{}").andCall("read_metric", "{\"series\":\"nope\"}"),
                Script.answer("Nothing", " is wrong."));

        List<Event> events = askWithTools(admin, "Why is it slow?");

        assertThat(events).extracting(Event::name).containsExactly("start", "phase", "step", "step", "phase", "phase", "token", "token", "done");
        JsonNode analyzers = named(events, "step").get(0);
        assertThat(analyzers.path("tool").asString()).isEqualTo("run_analyzers");
        assertThat(analyzers.path("status").asString()).isEqualTo("ok");
        assertThat(Http.json(analyzers.path("result").asString()).isArray()).isTrue();
        JsonNode badMetric = named(events, "step").get(1);
        assertThat(badMetric.path("status").asString()).isEqualTo("failed");
        assertThat(badMetric.path("result").asString()).startsWith("bad arguments: series must be one of [heap_used_bytes");
        assertThat(named(events, "phase")).extracting(phase -> phase.path("phase").asString() + " " + phase.path("round").asInt())
                .containsExactly("reading-prompt 1", "reading-prompt 2", "generating 2");
        assertThat(named(events, "phase").get(2).path("firstTokenMs").asLong()).isNotNegative();
        JsonNode done = events.getLast().json();
        assertThat(done.path("rounds").asInt()).isEqualTo(2);
        assertThat(done.path("tool_calls").asInt()).isEqualTo(2);

        List<OllamaStandIn.Chat> chats = ollama.chats().subList(before, ollama.chats().size());
        assertThat(chats).hasSize(2);
        JsonNode first = Http.json(chats.get(0).requestBody());
        assertThat(first.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(toolNames(first)).contains("run_analyzers", "kafka_lag", "read_metric", "runbook_row", "propose_action");
        JsonNode second = Http.json(chats.get(1).requestBody());
        List<JsonNode> messages = second.path("messages").values().stream().toList();
        JsonNode asked = messages.get(messages.size() - 3);
        assertThat(asked.path("role").asString()).isEqualTo("assistant");
        assertThat(asked.path("tool_calls").get(0).path("function").path("name").asString()).isEqualTo("run_analyzers");
        assertThat(messages.get(messages.size() - 2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(messages.size() - 2).path("tool_name").asString()).isEqualTo("run_analyzers");
        assertThat(messages.get(messages.size() - 2).path("content").asString()).isEqualTo(analyzers.path("result").asString());
        assertThat(messages.getLast().path("tool_name").asString()).isEqualTo("read_metric");
    }

    @Test
    void aUserGetsNoAdminDataThroughATool() throws Exception {
        String user = newUser("USER");
        int before = ollama.chats().size();
        ollama.script(Script.callTool("kafka_lag", "{}"), Script.answer("I", " cannot."));

        List<Event> events = askWithTools(user, "What is the lag?");

        JsonNode step = named(events, "step").getFirst();
        assertThat(step.path("status").asString()).isEqualTo("refused");
        assertThat(step.path("result").asString()).startsWith("refused: your role may not read what kafka_lag reads");
        List<OllamaStandIn.Chat> chats = ollama.chats().subList(before, ollama.chats().size());
        assertThat(toolNames(Http.json(chats.get(0).requestBody()))).doesNotContain("kafka_lag", "run_analyzers", "read_metric", "recent_errors")
                .contains("runbook_row");
        String sentBack = chats.get(1).requestBody();
        assertThat(sentBack).contains("refused: your role may not").doesNotContain("nexusai-audit").doesNotContain("committedOffset");
    }

    @Test
    void anActionIsOnlyProposedAndRunsWhenTheUserConfirmsIt() throws Exception {
        int runsBefore = Http.json(http.get("/api/admin/backups?limit=1000", admin)).size();
        ollama.script(Script.callTool("propose_action", "{\"action\":\"backup\",\"reason\":\"the newest backup is 27 h old\"}"),
                Script.answer("I", " proposed a backup."));

        List<Event> events = askWithTools(admin, "Are the backups fine?");

        JsonNode step = named(events, "step").getFirst();
        assertThat(step.path("status").asString()).isEqualTo("proposed");
        JsonNode proposal = step.path("proposal");
        assertThat(proposal.path("method").asString()).isEqualTo("POST");
        assertThat(proposal.path("path").asString()).isEqualTo("/api/admin/backups");
        assertThat(proposal.path("reason").asString()).isEqualTo("the newest backup is 27 h old");
        assertThat(Http.json(http.get("/api/admin/backups?limit=1000", admin)).size()).isEqualTo(runsBefore);

        HttpResponse<String> confirmed = http.send(http.request(proposal.path("path").asString(), admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(proposal.path("body").toString())));

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        assertThat(Http.json(http.get("/api/admin/backups?limit=1000", admin)).size()).isGreaterThan(runsBefore);
    }

    @Test
    void theContextIsTheModelsOwnAndAPromptLongerThanItIsWarnedOf() throws Exception {
        int before = ollama.chats().size();
        ollama.script(Script.answer("Short", " answer."));

        List<Event> events = askWithTools(admin, "Why?", "tiny");

        assertThat(events.getFirst().json().path("num_ctx").asInt()).isEqualTo(300);
        assertThat(Http.json(ollama.chats().get(before).requestBody()).path("options").path("num_ctx").asInt()).isEqualTo(300);
        assertThat(named(events, "warning")).as("said once, before the answer, with what was sent").hasSize(1);
        JsonNode warning = named(events, "warning").getFirst();
        assertThat(warning.path("kind").asString()).isEqualTo("prompt-cut");
        assertThat(warning.path("sent_tokens_estimate").asInt()).isGreaterThan(300);
        assertThat(warning.path("detail").asString()).contains("Ollama dropped its beginning");

        List<Event> large = askWithTools(admin, "Why?");
        assertThat(large.getFirst().json().path("num_ctx").asInt()).isEqualTo(8192);
        assertThat(named(large, "warning")).isEmpty();
    }

    @Test
    void aStreamedAnswerIsNotCountedAsRequestLatencyAndEveryStreamingRouteIsLeftOut() throws Exception {
        ollama.script(Script.answer("Fine."));
        askWithTools(admin, "Anything wrong?");
        http.get("/api/admin/backups", admin);

        assertThat(registry.find("http.server.requests").tag("uri", "/api/ai/chat").timers()).isEmpty();
        assertThat(registry.find("http.server.requests").tag("uri", "/api/admin/backups").timers()).isNotEmpty();
        List<String> streaming = handlers.getHandlerMethods().entrySet().stream()
                .filter(entry -> SseEmitter.class.isAssignableFrom(entry.getValue().getReturnType().getParameterType())
                        || entry.getValue().getReturnType().getGenericParameterType().getTypeName().contains("SseEmitter"))
                .flatMap(entry -> entry.getKey().getPatternValues().stream()).toList();
        assertThat(streaming).hasSizeGreaterThanOrEqualTo(4);
        assertThat(StreamedResponses.ROUTES).containsAll(streaming);
    }

    @Test
    void withoutToolsTheModelIsOfferedNone() throws Exception {
        int before = ollama.chats().size();
        ollama.script(Script.answer("Hi"));
        try (EventStream stream = new EventStream(http.sendStream(http.request("/api/ai/chat", admin)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("message", "Hello"))))))) {
            assertThat(stream.rest()).extracting(Event::name).containsExactly("start", "phase", "phase", "token", "done");
        }
        JsonNode sent = Http.json(ollama.chats().get(before).requestBody());
        assertThat(sent.has("tools")).isFalse();
        assertThat(sent.path("messages")).hasSize(1);
    }
}
