package com.nexusai.core.api;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A server-sent event stream from the server (an answer being generated, a log being followed), read on
 * the caller's thread. {@link #stop} from any thread closes the connection, which the server sees.
 */
public final class EventStream implements AutoCloseable {

    /** One event; return false to stop reading. */
    public interface Handler {
        boolean event(String name, String data);
    }

    /** How reading ended. */
    public enum End { BY_HANDLER, STOPPED, CLOSED_BY_SERVER, BROKEN }

    private final Stream<String> lines;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile String broken;

    /** Over the raw lines of a server-sent event stream (blank lines end events). */
    public EventStream(Stream<String> lines) {
        this.lines = lines;
    }

    /** Reads events until the handler says stop, {@link #stop} is called, or the stream ends. Blocking. */
    public End read(Handler handler) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> each = lines.iterator();
            while (each.hasNext()) {
                String line = each.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty() && !handler.event(event, data.toString())) {
                        return End.BY_HANDLER;
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
                // lines starting with ':' are the server's keep-alive comments
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            broken = e.getMessage();
        } finally {
            lines.close();
        }
        if (stopped.get()) {
            return End.STOPPED;
        }
        return broken == null ? End.CLOSED_BY_SERVER : End.BROKEN;
    }

    /** Why the stream broke, when {@link #read} said {@link End#BROKEN}. */
    public String broken() {
        return broken;
    }

    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            lines.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
