package com.nexusai.core.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One NexusAI server, as the console talks to it: signs in with the auth API (the password is used
 * once and not kept), refreshes the access token quietly before it expires, and retries a call once
 * after a refresh when the server says 401. Blocking calls: the console makes them off the FX thread.
 */
public final class NexusClient {

    /** A failed call: the HTTP status (0 when the server could not be reached) and what it said. */
    public static final class ApiException extends IOException {
        private final int status;

        public ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    private String accessToken;
    private String refreshToken;
    private Instant accessExpires = Instant.MIN;

    public NexusClient(URI base, Clock clock) {
        this.base = base;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    public synchronized void login(String username, String password) throws IOException, InterruptedException {
        tokens(post("/api/auth/login", Map.of("username", username, "password", password), false));
    }

    /** Signs in with a refresh token remembered from an earlier session. */
    public synchronized void resume(String rememberedRefreshToken) throws IOException, InterruptedException {
        refreshToken = rememberedRefreshToken;
        refresh();
    }

    /** The current refresh token, to remember between sessions (in a file only the user can read). */
    public synchronized String refreshToken() {
        return refreshToken;
    }

    /** {@code /actuator/prometheus}: the exposition text every panel and the alert engine read. */
    public String prometheus() throws IOException, InterruptedException {
        return get("/actuator/prometheus", "text/plain");
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        return json.readTree(get(path, "application/json"));
    }

    public JsonNode postJson(String path, Object body) throws IOException, InterruptedException {
        return json.readTree(post(path, body, true));
    }

    private String get(String path, String accept) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Accept", accept).GET(), true);
    }

    private String post(String path, Object body, boolean authenticated) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), authenticated);
    }

    private String send(HttpRequest.Builder request, boolean authenticated) throws IOException, InterruptedException {
        if (authenticated) {
            ensureFresh();
            request.header("Authorization", "Bearer " + currentToken());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String reason = e instanceof java.net.ConnectException ? "connection refused"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ApiException(0, base + " cannot be reached: " + reason);
        }
        if (response.statusCode() == 401 && authenticated) {
            refresh();
            request.setHeader("Authorization", "Bearer " + currentToken());
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), detail(response));
        }
        return response.body();
    }

    private synchronized String currentToken() {
        return accessToken;
    }

    private synchronized void ensureFresh() throws IOException, InterruptedException {
        if (accessToken == null) {
            throw new ApiException(401, "not signed in");
        }
        if (clock.instant().plus(REFRESH_MARGIN).isAfter(accessExpires)) {
            refresh();
        }
    }

    private synchronized void refresh() throws IOException, InterruptedException {
        if (refreshToken == null) {
            throw new ApiException(401, "the session has ended: sign in again");
        }
        tokens(post("/api/auth/refresh", Map.of("refreshToken", refreshToken), false));
    }

    private void tokens(String body) {
        JsonNode tokens = json.readTree(body);
        accessToken = tokens.path("accessToken").asString();
        refreshToken = tokens.path("refreshToken").asString();
        accessExpires = clock.instant().plusSeconds(tokens.path("expiresIn").asLong(300));
    }

    private String detail(HttpResponse<String> response) {
        try {
            String detail = json.readTree(response.body()).path("detail").asString("");
            return detail.isBlank() ? "HTTP " + response.statusCode() : detail;
        } catch (RuntimeException e) {
            return "HTTP " + response.statusCode();
        }
    }
}
