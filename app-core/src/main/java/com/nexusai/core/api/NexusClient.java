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
    public static class ApiException extends IOException {
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

    /** The server's TLS certificate is not trusted (yet, or any more): the admin may confirm its fingerprint. */
    public static final class UntrustedServerException extends ApiException {
        private final transient ServerTrust.UntrustedCertificateException certificate;

        public UntrustedServerException(ServerTrust.UntrustedCertificateException certificate) {
            super(0, certificate.getMessage());
            this.certificate = certificate;
        }

        public ServerTrust.UntrustedCertificateException certificate() {
            return certificate;
        }
    }

    private final URI base;
    private final ServerTrust trust;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    /** The signed-in session; shared by the clients of one fleet, whose instances accept each other's tokens. */
    private final Tokens tokens;

    private static final class Tokens {
        String access;
        String refresh;
        Instant accessExpires = Instant.MIN;
        /** The language the server's problem answers are asked in (Accept-Language). */
        volatile String language = "en";
    }

    /** A client that trusts the certificates the system trusts. */
    public NexusClient(URI base, Clock clock) {
        this(base, clock, ServerTrust.systemOnly());
    }

    /** A client that trusts what {@code trust} says (added CA files, confirmed certificates). */
    public NexusClient(URI base, Clock clock, ServerTrust trust) {
        this(base, clock, trust, new Tokens());
    }

    private NexusClient(URI base, Clock clock, ServerTrust trust, Tokens tokens) {
        this.base = base;
        this.clock = clock;
        this.trust = trust;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trust.sslContext()).build();
    }

    /**
     * A client of another instance of the same platform that uses this client's sign-in: the guide's
     * instances share the signing key and the refresh tokens' database, so one sign-in serves the fleet,
     * including instances that were unreachable when the user signed in.
     */
    public NexusClient sharingSignIn(URI otherBase) {
        return new NexusClient(otherBase, clock, trust, tokens);
    }

    public URI base() {
        return base;
    }

    /** The language the server says its refusals in, for this client and those sharing its sign-in (French or English). */
    public void speak(java.util.Locale language) {
        tokens.language = language.toLanguageTag();
    }

    public void login(String username, String password) throws IOException, InterruptedException {
        synchronized (tokens) {
            tokens(post("/api/auth/login", Map.of("username", username, "password", password), false));
        }
    }

    /** Signs in with a refresh token remembered from an earlier session. */
    public void resume(String rememberedRefreshToken) throws IOException, InterruptedException {
        synchronized (tokens) {
            tokens.refresh = rememberedRefreshToken;
            refresh();
        }
    }

    /** The current refresh token, to remember between sessions (in a file only the user can read). */
    public String refreshToken() {
        synchronized (tokens) {
            return tokens.refresh;
        }
    }

    /** Asks who the signed-in user is ({@code /api/users/me}, open to every role): the sign-in holds on this instance. */
    public void checkSignIn() throws IOException, InterruptedException {
        get("/api/users/me", "application/json");
    }

    /** What the signed-in user's roles allow, as the current access token says. */
    public Grants grants() {
        return Grants.ofAccessToken(currentToken());
    }

    /** {@code /actuator/prometheus}: the exposition text every panel and the alert engine read. */
    public String prometheus() throws IOException, InterruptedException {
        return get("/actuator/prometheus", "text/plain");
    }

    public String getText(String path) throws IOException, InterruptedException {
        return get(path, "text/plain");
    }

    /** Progress of a download: bytes so far, and the total when the server said it (else -1). */
    public interface Progress {
        void bytes(long done, long total);
    }

    /**
     * Downloads {@code path} into {@code target} (a heap dump: large, streamed), reporting progress; stops
     * when {@code cancelled} says so, deleting the partial file (also when the download breaks). Returns the bytes
     * written, or -1 when cancelled.
     */
    public long download(String path, java.nio.file.Path target, Progress progress, java.util.function.BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = exchange(HttpRequest.newBuilder(base.resolve(path)).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long done = 0;
        byte[] buffer = new byte[64 * 1024];
        try (java.io.InputStream in = response.body(); java.io.OutputStream out = java.nio.file.Files.newOutputStream(target)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                out.write(buffer, 0, read);
                done += read;
                progress.bytes(done, total);
            }
        } catch (IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(target); // an interrupted or broken download leaves no partial file behind
            throw e;
        }
        if (cancelled.getAsBoolean()) {
            java.nio.file.Files.deleteIfExists(target);
            return -1;
        }
        return done;
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        return json.readTree(get(path, "application/json"));
    }

    public JsonNode postJson(String path, Object body) throws IOException, InterruptedException {
        return json.readTree(post(path, body, true));
    }

    public JsonNode patchJson(String path, Object body) throws IOException, InterruptedException {
        return sendJson("PATCH", path, body);
    }

    public JsonNode putJson(String path, Object body) throws IOException, InterruptedException {
        return sendJson("PUT", path, body);
    }

    private JsonNode sendJson(String method, String path, Object body) throws IOException, InterruptedException {
        return json.readTree(send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), true));
    }

    public void delete(String path) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).DELETE(), true);
    }

    /**
     * Asks the model through {@code POST /api/ai/chat}: {@code message}, and {@code conversationId} and {@code model}
     * when not null. Returns once the server has answered with a stream (read it with {@link ChatStream#read});
     * a refusal (Ollama down, model missing, bad input) is an {@link ApiException} whose message carries the fix.
     */
    public ChatStream chat(String message, String conversationId, String model) throws IOException, InterruptedException {
        return chat(message, conversationId, model, false);
    }

    /** As {@link #chat(String, String, String)}; with {@code tools}, the model may read the platform through the server's read-only tools. */
    public ChatStream chat(String message, String conversationId, String model, boolean tools) throws IOException, InterruptedException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("message", message);
        if (tools) {
            body.put("tools", true);
        }
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        if (model != null) {
            body.put("model", model);
        }
        return new ChatStream(events(HttpRequest.newBuilder(base.resolve("/api/ai/chat")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))));
    }

    /**
     * Runs an action the model proposed, once the user confirmed it: the operation it names, with this client's own
     * token (so with the user's rights). Answers the server's reply (empty for none).
     */
    public String run(ChatStream.Proposal proposal) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = proposal.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(proposal.body() == null || proposal.body().isBlank() ? "{}" : proposal.body());
        return send(HttpRequest.newBuilder(base.resolve(proposal.path())).timeout(TIMEOUT).header("Content-Type", "application/json")
                .method(proposal.method(), body), true);
    }

    /** A server-sent event stream ({@code /api/diagnostics/logs?follow=true}...); a refusal is an {@link ApiException}. */
    public EventStream events(String path) throws IOException, InterruptedException {
        return events(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private EventStream events(HttpRequest.Builder request) throws IOException, InterruptedException {
        // no request timeout: a stream lasts as long as its answer or its follower; the server times out a silent model
        return new EventStream(exchange(request.header("Accept", "text/event-stream"), HttpResponse.BodyHandlers.ofLines()).body());
    }

    private String get(String path, String accept) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Accept", accept).GET(), true);
    }

    private String post(String path, Object body, boolean authenticated) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), authenticated);
    }

    private String send(HttpRequest.Builder request, boolean authenticated) throws IOException, InterruptedException {
        return authenticated ? exchange(request, HttpResponse.BodyHandlers.ofString()).body()
                : checked(call(request, HttpResponse.BodyHandlers.ofString())).body();
    }

    /**
     * Every authenticated call: the token (refreshed first when it is about to expire), one retry after a refresh
     * when the server says 401, and a refusal as an {@link ApiException} with the server's detail and fix.
     */
    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        ensureFresh();
        request.setHeader("Authorization", "Bearer " + currentToken());
        HttpResponse<T> response = call(request, handler);
        if (response.statusCode() == 401) {
            close(response);
            refresh();
            request.setHeader("Authorization", "Bearer " + currentToken());
            response = call(request, handler);
        }
        return checked(response);
    }

    private <T> HttpResponse<T> call(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        request.setHeader("Accept-Language", tokens.language);
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ServerTrust.UntrustedCertificateException untrusted) {
                    throw new UntrustedServerException(untrusted);
                }
            }
            String reason = e instanceof java.net.ConnectException ? "connection refused"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ApiException(0, base + " cannot be reached: " + reason);
        }
    }

    private <T> HttpResponse<T> checked(HttpResponse<T> response) throws IOException {
        if (response.statusCode() < 400) {
            return response;
        }
        String body = switch (response.body()) {
            case String text -> text;
            case java.util.stream.Stream<?> lines -> {
                try (lines) {
                    yield String.join("\n", lines.map(String::valueOf).toList());
                }
            }
            case java.io.InputStream in -> {
                try (in) {
                    yield new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            case null, default -> "";
        };
        throw new ApiException(response.statusCode(), problem(response.statusCode(), body));
    }

    private static void close(HttpResponse<?> response) throws IOException {
        switch (response.body()) {
            case java.util.stream.Stream<?> lines -> lines.close();
            case java.io.InputStream in -> in.close();
            case null, default -> { }
        }
    }

    /** The server's problem detail, and its fix when it gives one ("... — ollama serve"). */
    private String problem(int status, String body) {
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asString("");
            String fix = problem.path("fix").asString("");
            return (detail.isBlank() ? "HTTP " + status : detail) + (fix.isBlank() ? "" : " — " + fix);
        } catch (RuntimeException e) {
            return "HTTP " + status;
        }
    }

    private String currentToken() {
        synchronized (tokens) {
            return tokens.access;
        }
    }

    private void ensureFresh() throws IOException, InterruptedException {
        synchronized (tokens) {
            if (tokens.access == null) {
                throw new ApiException(401, "not signed in");
            }
            if (clock.instant().plus(REFRESH_MARGIN).isAfter(tokens.accessExpires)) {
                refresh();
            }
        }
    }

    /** A new token pair; refresh tokens are single-use, so the clients sharing them refresh one at a time. */
    private void refresh() throws IOException, InterruptedException {
        synchronized (tokens) {
            if (tokens.refresh == null) {
                throw new ApiException(401, "the session has ended: sign in again");
            }
            tokens(post("/api/auth/refresh", Map.of("refreshToken", tokens.refresh), false));
        }
    }

    private void tokens(String body) {
        JsonNode answer = json.readTree(body);
        tokens.access = answer.path("accessToken").asString();
        tokens.refresh = answer.path("refreshToken").asString();
        tokens.accessExpires = clock.instant().plusSeconds(answer.path("expiresIn").asLong(300));
    }
}
