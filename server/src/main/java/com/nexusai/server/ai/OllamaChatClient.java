package com.nexusai.server.ai;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nexusai.server.web.ProblemText;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.response.OllamaErrorResponse;
import io.github.ollama4j.utils.Utils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams one chat from Ollama's {@code POST /api/chat}. Every NDJSON line is read as ollama4j's model, by ollama4j's own
 * mapper; the request is written here, because ollama4j's request model has no room for a tool's result
 * ({@code "role": "tool"} with its {@code tool_name}) and its tool model drags in an MCP client. The transport is the JDK's HTTP client
 * instead of {@code Ollama.chat(request, handler)}, because that call cannot do three things a relay
 * needs: it blocks its caller until the answer ends; it cannot be aborted, since it builds a new
 * HttpClient for each call and keeps it (and the response stream) to itself, so a cancelled chat
 * would keep the model generating; and its timeout covers only the response headers, where ours
 * must cover the wait for each token.
 */
@Component
class OllamaChatClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** How often open streams are checked for the token timeout: its precision. */
    private static final Duration WATCH_PERIOD = Duration.ofMillis(250);

    private final HttpClient http;
    private final JsonMapper json;
    private final OllamaProperties properties;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();

    OllamaChatClient(@Qualifier("ollamaHttpClient") HttpClient http, JsonMapper json, ChatTimers timers,
            OllamaProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        // one watch for all streams, rather than a timer re-armed on every token
        timers.every(WATCH_PERIOD, this::expireQuietStreams);
    }

    private void expireQuietStreams() {
        long now = System.nanoTime();
        long limit = properties.timeout().toNanos();
        for (Stream stream : open) {
            if (now - stream.lastActivityNanos > limit) {
                stream.timeOut();
            }
        }
    }

    /**
     * The request for the conversation: {@code tools} (Ollama's {@code tools} field; none when empty) are the tools the
     * model may ask for, {@code contextTokens} its {@code num_ctx}. Built before it is sent, so that its length is
     * known before any answer can arrive.
     */
    String requestBody(String model, List<ChatTurn> turns, List<Map<String, Object>> tools, int contextTokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", turns.stream().map(OllamaChatClient::message).toList());
        body.put("stream", true);
        if (!tools.isEmpty()) {
            body.put("tools", tools);
        }
        body.put("options", Map.of("num_ctx", contextTokens));
        return json.writeValueAsString(body);
    }

    /** Sends a request built by {@link #requestBody} and returns at once; what follows goes to {@code listener}. */
    Stream open(String model, String sent, ChatStreamListener listener) {
        HttpRequest request = HttpRequest.newBuilder(chatUri())
                .header("Content-Type", "application/json")
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(sent))
                .build();
        Stream stream = new Stream(model, listener);
        stream.send(request);
        return stream;
    }

    private URI chatUri() {
        return properties.baseUrl().resolve("/api/chat");
    }

    /** A message as Ollama's {@code /api/chat} takes it: a tool's result names its tool, an assistant's may ask for tools. */
    private static Map<String, Object> message(ChatTurn turn) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", turn.role());
        message.put("content", turn.content());
        if (!turn.toolCalls().isEmpty()) {
            message.put("tool_calls", turn.toolCalls().stream()
                    .map(call -> Map.of("function", Map.of("name", call.name(), "arguments", call.arguments()))).toList());
        }
        if (turn.toolName() != null) {
            message.put("tool_name", turn.toolName());
        }
        return message;
    }

    /** A running generation. {@link #cancel()} closes the connection to Ollama, which stops generating. */
    final class Stream implements Flow.Subscriber<String> {

        private final String model;
        private final ChatStreamListener listener;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final List<ToolCall> toolCalls = new CopyOnWriteArrayList<>();
        private volatile CompletableFuture<HttpResponse<String>> exchange;
        private volatile Flow.Subscription subscription;
        private volatile long lastActivityNanos = System.nanoTime();

        private Stream(String model, ChatStreamListener listener) {
            this.model = model;
            this.listener = listener;
        }

        /**
         * Aborts the request to Ollama (before its answer, or in the middle of it). Returns false if
         * the generation had already ended; after true, the listener hears nothing more.
         */
        boolean cancel() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            abort();
            return true;
        }

        private void send(HttpRequest request) {
            open.add(this);
            CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, this::bodyFor);
            exchange = sent;
            sent.whenComplete((response, error) -> {
                if (error != null) {
                    fail(connectionFailure(error));
                } else if (response.statusCode() != 200) {
                    fail(statusFailure(response.statusCode(), response.body()));
                }
            });
            if (finished.get()) {
                sent.cancel(true);
            }
        }

        private BodySubscriber<String> bodyFor(HttpResponse.ResponseInfo info) {
            if (info.statusCode() != 200) {
                return BodySubscribers.ofString(StandardCharsets.UTF_8);
            }
            if (!finished.get()) {
                listener.onStarted();
            }
            return BodySubscribers.mapping(BodySubscribers.fromLineSubscriber(this), ignored -> "");
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (finished.get()) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(String line) {
            if (finished.get()) {
                subscription.request(1);
                return;
            }
            if (!line.isBlank()) {
                read(line);
            }
            // also after the last line, to read the end of the response and give the connection back (no-op once cancelled)
            subscription.request(1);
        }

        private void read(String line) {
            OllamaChatResponseModel part;
            try {
                part = Utils.getObjectMapper().readValue(line, OllamaChatResponseModel.class);
            } catch (JsonProcessingException e) {
                fail(new ChatFailure(ChatFailure.Kind.UPSTREAM_ERROR, ProblemText.of("ollama.notProtocol", abbreviate(line)),
                        ProblemText.of("ollama.notProtocol.fix", properties.baseUrl())));
                return;
            }
            if (part.getError() != null) {
                fail(new ChatFailure(ChatFailure.Kind.UPSTREAM_ERROR, ProblemText.of("ollama.stopped", part.getError()),
                        ProblemText.of("ollama.seeLog")));
                return;
            }
            if (part.getMessage() != null && part.getMessage().getToolCalls() != null) {
                lastActivityNanos = System.nanoTime();
                part.getMessage().getToolCalls().stream().filter(call -> call.getFunction() != null)
                        .forEach(call -> toolCalls.add(new ToolCall(call.getFunction().getName(), call.getFunction().getArguments())));
            }
            String content = part.getMessage() == null ? null : part.getMessage().getResponse();
            if (content != null && !content.isEmpty()) {
                lastActivityNanos = System.nanoTime();
                listener.onToken(content);
            }
            if (part.isDone() && finished.compareAndSet(false, true)) {
                open.remove(this);
                listener.onDone(new GenerationStats(part.getDoneReason(), part.getEvalCount(), part.getEvalDuration(),
                        part.getPromptEvalCount(), part.getTotalDuration()), List.copyOf(toolCalls));
            }
        }

        @Override
        public void onError(Throwable error) {
            fail(new ChatFailure(ChatFailure.Kind.INTERRUPTED, ProblemText.of("ollama.broke", describe(error)),
                    ProblemText.of("ollama.seeLogAndResend")));
        }

        @Override
        public void onComplete() {
            fail(new ChatFailure(ChatFailure.Kind.INTERRUPTED, ProblemText.of("ollama.noFinalLine"), ProblemText.of("ollama.seeLogAndResend")));
        }

        private void fail(ChatFailure failure) {
            if (finished.compareAndSet(false, true)) {
                abort();
                listener.onFailure(failure);
            }
        }

        private void abort() {
            open.remove(this);
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            CompletableFuture<HttpResponse<String>> sent = exchange;
            if (sent != null) {
                sent.cancel(true);
            }
        }

        private void timeOut() {
            Duration limit = properties.timeout();
            fail(new ChatFailure(ChatFailure.Kind.TIMED_OUT, ProblemText.of("ollama.timedOut", seconds(limit), model),
                    ProblemText.of("ollama.timedOut.fix")));
        }

        private ChatFailure connectionFailure(Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                return new ChatFailure(ChatFailure.Kind.INTERRUPTED, ProblemText.of("ollama.cancelled"), null);
            }
            Object reason = cause instanceof ConnectException ? ProblemText.of("reason.refused")
                    : cause instanceof HttpConnectTimeoutException ? ProblemText.of("reason.noConnectionWithin", seconds(CONNECT_TIMEOUT))
                    : describe(cause);
            return new ChatFailure(ChatFailure.Kind.UNREACHABLE, ProblemText.of("ollama.unreachable", properties.baseUrl(), reason),
                    ProblemText.of("ollama.unreachable.fix"));
        }

        private ChatFailure statusFailure(int status, String body) {
            String said = errorText(body);
            if (status == 404) {
                return new ChatFailure(ChatFailure.Kind.MODEL_MISSING, ProblemText.of("ollama.modelMissing", properties.baseUrl(), model, said),
                        ProblemText.of("ollama.modelMissing.fix", model));
            }
            return new ChatFailure(ChatFailure.Kind.UPSTREAM_ERROR, ProblemText.of("ollama.httpError", status, said), ProblemText.of("ollama.seeLog"));
        }
    }

    private static String errorText(String body) {
        try {
            String error = Utils.getObjectMapper().readValue(body, OllamaErrorResponse.class).getError();
            return error == null ? abbreviate(body) : error;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return abbreviate(body);
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        if (cause instanceof IOException && (message == null || message.isBlank())) {
            return "connection closed";
        }
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String abbreviate(String text) {
        String line = text == null ? "" : text.strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
