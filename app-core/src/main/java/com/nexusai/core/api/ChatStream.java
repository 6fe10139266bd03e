package com.nexusai.core.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

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

        void done(JsonNode stats);

        void cancelled(String reason);

        /** A failure: Ollama down or a model missing, with the server's fix, or a broken stream. */
        void failed(int status, String detail, String fix);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Stream<String> lines;
    private final AtomicBoolean stopped = new AtomicBoolean();

    ChatStream(HttpResponse<Stream<String>> response) {
        this.lines = response.body();
    }

    /** Reads events until the answer ends or {@link #stop} is called. Blocking. */
    public void read(Listener listener) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        boolean ended = false;
        String broken = null;
        try {
            Iterator<String> each = lines.iterator();
            while (each.hasNext()) {
                String line = each.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        ended = dispatch(event, data.toString(), listener);
                        if (ended) {
                            break;
                        }
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
                }
                // ":" lines are the server's keep-alive comments
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            broken = e.getMessage();
        } finally {
            lines.close();
        }
        if (ended) {
            return;
        }
        if (stopped.get()) {
            listener.cancelled("stopped");
        } else {
            listener.failed(0, broken == null ? "the server closed the stream before the answer ended" : "the stream broke: " + broken, "");
        }
    }

    private static boolean dispatch(String event, String data, Listener listener) {
        JsonNode json = JSON.readTree(data);
        switch (event) {
            case "start" -> listener.started(json.path("generationId").asString(), json.path("conversationId").asString(),
                    json.path("model").asString());
            case "token" -> listener.token(json.path("content").asString());
            case "done" -> {
                listener.done(json);
                return true;
            }
            case "cancelled" -> {
                listener.cancelled(json.path("reason").asString(""));
                return true;
            }
            case "error" -> {
                listener.failed(json.path("status").asInt(0), json.path("detail").asString(""), json.path("fix").asString(""));
                return true;
            }
            default -> {
                // an event this console does not know: a newer server
            }
        }
        return false;
    }

    /** Stops the answer: the connection closes and the server cancels the generation. Any thread. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            lines.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    static IOException problem(int status, String body) {
        try {
            JsonNode json = JSON.readTree(body);
            String fix = json.path("fix").asString("");
            return new NexusClient.ApiException(status, json.path("detail").asString("HTTP " + status) + (fix.isBlank() ? "" : " — " + fix));
        } catch (RuntimeException e) {
            return new NexusClient.ApiException(status, "HTTP " + status);
        }
    }
}
