package com.nexusai.core.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer streamed by {@code POST /api/ai/chat} (server-sent events: {@code start}, {@code phase}, {@code token}...,
 * with tools {@code step} for each tool the server ran, a {@code warning} when the prompt was cut, then {@code done},
 * {@code cancelled} or {@code error}), read on the caller's thread by {@link #read}.
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

        /** Ollama reads the prompt, or has begun to answer (with the time its first token took). */
        default void phase(Phase phase) {
        }

        /** The server ran a tool the model asked for, with the user's rights; or the model proposed an action. */
        default void step(Step step) {
        }

        /** Something the user should know about the answer: the prompt was longer than the model's context, for one. */
        default void warning(String kind, String detail) {
        }
    }

    /** {@code reading-prompt} or {@code generating}; {@code firstTokenMillis} is null while the prompt is read. */
    public record Phase(String name, int round, Long firstTokenMillis) {

        public boolean generating() {
            return "generating".equals(name);
        }
    }

    /**
     * A tool call as it went: {@code status} is ok, refused (the user may not read that), failed, unknown or proposed;
     * {@code result} is what the model was given (cut when {@code truncated}); a proposed action has its {@code proposal}.
     */
    public record Step(int round, String tool, String arguments, String status, String result, boolean truncated, long millis,
            Proposal proposal) {
    }

    /** An action the model proposes: the operation the user runs, with their own rights, if they confirm it. */
    public record Proposal(String action, String method, String path, String body, String reason) {
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
            case "phase" -> listener.phase(new Phase(json.path("phase").asString(), json.path("round").asInt(),
                    json.path("firstTokenMs").isNumber() ? json.path("firstTokenMs").asLong() : null));
            case "step" -> listener.step(step(json));
            case "warning" -> listener.warning(json.path("kind").asString(""), json.path("detail").asString(""));
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

    private static Step step(JsonNode json) {
        JsonNode proposal = json.path("proposal");
        return new Step(json.path("round").asInt(), json.path("tool").asString(), json.path("arguments").toString(), json.path("status").asString(),
                json.path("result").asString(""), json.path("truncated").asBoolean(), json.path("millis").asLong(),
                proposal.isObject() ? new Proposal(proposal.path("action").asString(), proposal.path("method").asString(),
                        proposal.path("path").asString(), proposal.path("body").toString(), proposal.path("reason").asString("")) : null);
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
