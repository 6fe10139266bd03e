package com.nexusai.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that call the server as curl would. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final String base;

    public Http(String base) {
        this(base, null);
    }

    /** With TLS trusting {@code ssl}'s certificates. */
    public Http(String base, SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.client = builder.build();
        this.base = base;
    }

    /** The address requests go to, e.g. {@code http://127.0.0.1:8080}. */
    public String base() {
        return base;
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    public static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path, null).GET());
    }

    public HttpResponse<String> get(String path, String bearerToken) throws IOException, InterruptedException {
        return send(request(path, bearerToken).GET());
    }

    public HttpResponse<String> post(String path, String json, String bearerToken) throws IOException, InterruptedException {
        return send(request(path, bearerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public HttpResponse<String> put(String path, String json, String bearerToken) throws IOException, InterruptedException {
        return send(request(path, bearerToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<InputStream> sendStream(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpRequest.Builder request(String path, String bearerToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder;
    }

    /** Signs in through the API and returns the whole answer (access and refresh tokens). */
    public JsonNode login(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/auth/login", toJson(Map.of("username", username, "password", password)), null);
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public String accessToken(String username, String password) throws IOException, InterruptedException {
        return login(username, password).path("accessToken").asString();
    }
}
