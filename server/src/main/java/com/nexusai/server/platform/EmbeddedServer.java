package com.nexusai.server.platform;

/**
 * One real server that the embedded platform runs on loopback.
 *
 * @param <E> what clients need to reach it once started
 */
public interface EmbeddedServer<E extends Endpoint> extends AutoCloseable {

    /** The name people know it by, e.g. "PostgreSQL". */
    String displayName();

    /** Starts the server and returns once it accepts clients. */
    E start() throws Exception;

    /** Stops the server, keeping its data. Safe to call when it never started. */
    @Override
    void close();
}
