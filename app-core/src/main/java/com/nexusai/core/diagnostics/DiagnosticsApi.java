package com.nexusai.core.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import com.nexusai.core.api.EventStream;
import com.nexusai.core.api.NexusClient;

/** The server's diagnostics (guide §6.2): health, threads, the log followed live, logger levels, a heap dump. */
public interface DiagnosticsApi {

    /** Where these diagnostics come from (host:port). */
    String instance();

    HealthNode health() throws IOException, InterruptedException;

    /** A thread dump, as text ({@link ThreadDump#parse}). */
    String threadDump() throws IOException, InterruptedException;

    /**
     * The last {@code lines} log lines then the new ones as they are written, at {@code level} and above (null: all)
     * and containing {@code search} (null: any), as a stream of {@code line} events.
     */
    EventStream followLog(int lines, String level, String search) throws IOException, InterruptedException;

    /** The last {@code lines} log lines at {@code level} and above (null: all), as they are now (not followed). */
    java.util.List<String> recentLog(int lines, String level) throws IOException, InterruptedException;

    LoggerLevels logger(String name) throws IOException, InterruptedException;

    /** @param level null or empty: back to the inherited level */
    LoggerLevels setLogger(String name, String level) throws IOException, InterruptedException;

    /**
     * Streams a heap dump into {@code target}, saying why in the audit ({@code reason}); the bytes received so far go
     * to {@code progress}. Returns the size, or -1 when {@code cancelled} said stop (the partial file is removed).
     */
    long downloadHeap(String reason, Path target, NexusClient.Progress progress, BooleanSupplier cancelled)
            throws IOException, InterruptedException;

    static DiagnosticsApi over(NexusClient client) {
        return new HttpDiagnosticsApi(client);
    }
}
