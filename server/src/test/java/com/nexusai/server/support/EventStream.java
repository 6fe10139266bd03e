package com.nexusai.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a {@code text/event-stream} response event by event, as a browser's EventSource would (comments skipped). */
public final class EventStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One event; {@code receivedNanos} is {@link System#nanoTime()} when its last line was read. */
    public record Event(String name, String data, long receivedNanos) {

        public JsonNode json() {
            return JSON.readTree(data);
        }
    }

    private final HttpResponse<InputStream> response;
    private final BufferedReader reader;

    public EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The next event, or null at the end of the stream. */
    public Event next() throws IOException {
        String name = "message";
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString(), System.nanoTime());
                }
                name = "message";
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return null;
    }

    /** Every event up to the end of the stream. */
    public List<Event> rest() throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event event = next(); event != null; event = next()) {
            events.add(event);
        }
        return events;
    }

    /** Hangs up, as a user closing the chat would. */
    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
