package com.nexusai.core.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer streamed by {@code POST /api/ai/chat} (server-sent events: {@code start}, {@code token}...,
 * then {@code done}, {@code cancelled} or {@code error}), read on the caller's thread by {@link #read}.
 * {@link #stop} closes the stream, which the server takes as a cancel: it ends the generation upstream at once.
 */
public final class ChatStream implements AutoCloseable {

    /** What the console does with each event; called on the reading thread. */
    public interface Listener {
        void started(String generationId, String conversationId, String model);

        void token(String content);

        void done(Stats stats);

        void cancelled(String reason);

        /** A failure: Ollama down or a model missing, with the server's fix, or a broken stream. */
        void failed(int status, String detail, String fix);
    }

    /** What the model said of the answer: tokens generated, and its rate when Ollama reported one. */
    public record Stats(Integer tokens, Double tokensPerSecond) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventStream events;

    /** Over the answer's server-sent events. */
    public ChatStream(EventStream events) {
        this.events = events;
    }

    /** Reads the answer's events until it ends or {@link #stop} is called. Blocking. */
    public void read(Listener listener) {
        EventStream.End end = events.read((name, data) -> dispatch(name, data, listener));
        switch (end) {
            case BY_HANDLER -> { }
            case STOPPED -> listener.cancelled("stopped");
            case CLOSED_BY_SERVER -> listener.failed(0, "the server closed the stream before the answer ended", "");
            case BROKEN -> listener.failed(0, "the stream broke: " + events.broken(), "");
        }
    }

    /** Handles one event; false once the answer has ended. */
    private static boolean dispatch(String event, String data, Listener listener) {
        JsonNode json = JSON.readTree(data);
        switch (event) {
            case "start" -> listener.started(json.path("generationId").asString(), json.path("conversationId").asString(),
                    json.path("model").asString());
            case "token" -> listener.token(json.path("content").asString());
            case "done" -> {
                listener.done(new Stats(json.path("eval_count").isNumber() ? json.path("eval_count").asInt() : null,
                        json.path("tokens_per_second").isNumber() ? json.path("tokens_per_second").asDouble() : null));
                return false;
            }
            case "cancelled" -> {
                listener.cancelled(json.path("reason").asString(""));
                return false;
            }
            case "error" -> {
                listener.failed(json.path("status").asInt(0), json.path("detail").asString(""), json.path("fix").asString(""));
                return false;
            }
            default -> {
                // an event this console does not know: a newer server
            }
        }
        return true;
    }

    /** Stops the answer: the connection closes and the server cancels the generation. Any thread. */
    public void stop() {
        events.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
