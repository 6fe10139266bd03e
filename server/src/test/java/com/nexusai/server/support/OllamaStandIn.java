package com.nexusai.server.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for an Ollama server, for tests only: no model can be installed here. It speaks
 * Ollama's wire protocol for the calls the server makes ({@code GET /api/version},
 * {@code GET /api/tags}) and answers unknown paths as Ollama does, 404 with {@code {"error":...}}.
 */
public final class OllamaStandIn implements AutoCloseable {

    private final List<String> models;
    private final int port;
    private HttpServer server;

    private OllamaStandIn(int port, List<String> models) {
        this.port = port;
        this.models = List.copyOf(models);
    }

    public static OllamaStandIn start(List<String> models) throws IOException {
        return start(0, models);
    }

    public static OllamaStandIn start(int port, List<String> models) throws IOException {
        OllamaStandIn standIn = new OllamaStandIn(port, models);
        standIn.listen();
        return standIn;
    }

    private void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals("/api/version")) {
            send(exchange, 200, "{\"version\":\"0.12.3\"}");
        } else if (method.equals("GET") && path.equals("/api/tags")) {
            String list = String.join(",", models.stream().map(OllamaStandIn::tag).toList());
            send(exchange, 200, "{\"models\":[" + list + "]}");
        } else {
            send(exchange, 404, "{\"error\":\"404 page not found\"}");
        }
    }

    private static String tag(String name) {
        return "{\"name\":\"" + name + "\",\"model\":\"" + name + "\",\"modified_at\":\"2026-11-01T10:00:00.000000000Z\","
                + "\"size\":4661224676,\"digest\":\"365c0bd3c000a25d28ddbf732fe1c6add414de7275464c4e4d1c3b5fcb5d8ad1\","
                + "\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\",\"families\":[\"llama\"],"
                + "\"parameter_size\":\"8.0B\",\"quantization_level\":\"Q4_0\"}}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops answering; {@link #start(int, List)} on the same port brings it back. */
    @Override
    public void close() {
        server.stop(0);
    }
}
