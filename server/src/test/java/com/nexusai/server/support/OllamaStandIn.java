package com.nexusai.server.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for an Ollama server, for tests only: no model can be installed here. It speaks
 * Ollama's wire protocol over HTTP/1.1 (keep-alive; a chat streams chunked and then closes): {@code GET /api/version},
 * {@code GET /api/tags}, {@code POST /api/show} (the model's context length), and {@code POST /api/chat} streaming one JSON object per line, the last one
 * with {@code done}, {@code done_reason}, {@code eval_count} and {@code eval_duration}. An unknown
 * model answers 404 {@code {"error":"model \"x\" not found, try pulling it first"}} as Ollama does.
 *
 * <p>What a chat does is set with {@link #script}: the tokens, a slow first token, the pace, a
 * disconnect in the middle, an error status. Like Ollama, it sends the response headers with the
 * first token. It is built on plain sockets so that it sees the client hang up even while it waits,
 * and records that in {@link Chat#clientClosedNanos()}.
 */
public final class OllamaStandIn implements AutoCloseable {

    /**
     * What the next chats answer. {@code disconnectAfter} tokens are sent and then the connection is
     * dropped without the last line (negative: never); {@code errorStatus} (0: none) answers that
     * status with {@code {"error": errorMessage}} instead of a stream. {@code stamped} makes each
     * token the {@link System#nanoTime()} at which it was written, followed by a space.
     */
    public record Script(List<String> tokens, Duration firstTokenDelay, Duration tokenInterval, int disconnectAfter,
            int errorStatus, String errorMessage, boolean stamped, List<String> toolCalls) {

        public static Script answer(String... tokens) {
            return new Script(List.of(tokens), Duration.ZERO, Duration.ZERO, -1, 0, null, false, List.of());
        }

        /**
         * An answer that asks for a tool instead of answering, as Ollama streams it: one line whose {@code message.tool_calls}
         * holds {@code {"id", "function": {"index", "name", "arguments"}}}, then the last line. {@code arguments} is a JSON object.
         */
        public static Script callTool(String name, String arguments) {
            return answer().andCall(name, arguments);
        }

        public Script andCall(String name, String arguments) {
            List<String> calls = new ArrayList<>(toolCalls);
            calls.add("{\"id\":\"call_" + calls.size() + "\",\"function\":{\"index\":" + calls.size() + ",\"name\":" + quote(name)
                    + ",\"arguments\":" + arguments + "}}");
            return new Script(tokens, firstTokenDelay, tokenInterval, disconnectAfter, errorStatus, errorMessage, stamped, List.copyOf(calls));
        }

        public Script firstTokenAfter(Duration delay) {
            return new Script(tokens, delay, tokenInterval, disconnectAfter, errorStatus, errorMessage, stamped, toolCalls);
        }

        public Script every(Duration interval) {
            return new Script(tokens, firstTokenDelay, interval, disconnectAfter, errorStatus, errorMessage, stamped, toolCalls);
        }

        public Script disconnectAfter(int count) {
            return new Script(tokens, firstTokenDelay, tokenInterval, count, errorStatus, errorMessage, stamped, toolCalls);
        }

        public Script withTimestamps() {
            return new Script(tokens, firstTokenDelay, tokenInterval, disconnectAfter, errorStatus, errorMessage, true, toolCalls);
        }

        public static Script error(int status, String message) {
            return new Script(List.of(), Duration.ZERO, Duration.ZERO, -1, status, message, false, List.of());
        }

        /** {@code count} tokens "t0 ", "t1 ", ... */
        public static Script tokens(int count) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                tokens.add("t" + i + " ");
            }
            return new Script(List.copyOf(tokens), Duration.ZERO, Duration.ZERO, -1, 0, null, false, List.of());
        }
    }

    /** One {@code POST /api/chat} as the stand-in saw it. */
    public static final class Chat {
        private final String requestBody;
        private final long receivedNanos = System.nanoTime();
        private volatile int tokensSent;
        private volatile long clientClosedNanos = -1;
        private volatile boolean completed;

        Chat(String requestBody) {
            this.requestBody = requestBody;
        }

        public String requestBody() {
            return requestBody;
        }

        public long receivedNanos() {
            return receivedNanos;
        }

        public int tokensSent() {
            return tokensSent;
        }

        /** When the client closed the connection before the answer was complete, or -1. */
        public long clientClosedNanos() {
            return clientClosedNanos;
        }

        public boolean clientClosed() {
            return clientClosedNanos >= 0;
        }

        /** The last line was sent. */
        public boolean completed() {
            return completed;
        }
    }

    private static final Pattern NUM_CTX = Pattern.compile("\"num_ctx\"\\s*:\\s*(\\d+)");
    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"");

    private final List<String> models;
    private final int requestedPort;
    private final AtomicReference<Script> script = new AtomicReference<>(Script.answer("Hello", ",", " world", "!"));
    private final Map<String, Integer> contextLengths = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Queue<Script> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<Chat> chats = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private ServerSocket server;

    private OllamaStandIn(int port, List<String> models) {
        this.requestedPort = port;
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

    public int port() {
        return server.getLocalPort();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** What the following chats answer. */
    public OllamaStandIn script(Script next) {
        queued.clear();
        script.set(next);
        return this;
    }

    /** What the next chats answer, one script each in order (a conversation with tool calls); the last one stays. */
    public OllamaStandIn script(Script first, Script... then) {
        queued.clear();
        queued.add(first);
        queued.addAll(List.of(then));
        script.set(then.length == 0 ? first : then[then.length - 1]);
        return this;
    }

    public List<Chat> chats() {
        return List.copyOf(chats);
    }

    public Chat lastChat() {
        return chats.getLast();
    }

    private void listen() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
        Thread.ofPlatform().daemon().name("ollama-stand-in-" + port()).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    connections.add(socket);
                    threads.submit(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                if (!answer(request, socket, in, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            connections.remove(socket);
        }
    }

    /** Returns whether the connection can take another request. */
    private boolean answer(Request request, Socket socket, InputStream in, OutputStream out) throws IOException {
        if (request.method.equals("GET") && request.path.equals("/api/version")) {
            return send(out, 200, "{\"version\":\"0.12.3\"}");
        }
        if (request.method.equals("GET") && request.path.equals("/api/tags")) {
            String list = String.join(",", models.stream().map(OllamaStandIn::tag).toList());
            return send(out, 200, "{\"models\":[" + list + "]}");
        }
        if (request.method.equals("POST") && request.path.equals("/api/show")) {
            Matcher model = MODEL.matcher(request.body);
            String name = model.find() ? model.group(1) : "";
            if (!hasModel(name)) {
                return send(out, 404, "{\"error\":\"model '" + name + "' not found\"}");
            }
            return send(out, 200, "{\"modelfile\":\"\",\"parameters\":\"\",\"template\":\"\",\"details\":{\"family\":\"llama\"},"
                    + "\"model_info\":{\"general.architecture\":\"llama\",\"llama.context_length\":" + contextLength(name)
                    + ",\"llama.embedding_length\":4096},\"capabilities\":[\"completion\",\"tools\"]}");
        }
        if (request.method.equals("POST") && request.path.equals("/api/chat")) {
            return chat(request, socket, in, out);
        }
        return send(out, 404, "{\"error\":\"404 page not found\"}");
    }

    private boolean chat(Request request, Socket socket, InputStream in, OutputStream out) throws IOException {
        Chat chat = new Chat(request.body);
        chats.add(chat);
        Script next = queued.poll();
        Script current = next != null ? next : script.get();
        Matcher model = MODEL.matcher(request.body);
        String name = model.find() ? model.group(1) : "";
        if (!hasModel(name)) {
            return send(out, 404, "{\"error\":\"model \\\"" + name + "\\\" not found, try pulling it first\"}");
        }
        if (current.errorStatus() > 0) {
            return send(out, current.errorStatus(), "{\"error\":\"" + current.errorMessage() + "\"}");
        }
        // a client that closes the connection ends the read: that is how Ollama notices a cancelled request
        threads.submit(() -> watchForClose(in, chat));
        long started = System.nanoTime();
        if (!pause(current.firstTokenDelay(), chat)) {
            return false;
        }
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nDate: " + java.time.Instant.now()
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < current.tokens().size(); i++) {
                if (i > 0 && !pause(current.tokenInterval(), chat)) {
                    return false;
                }
                if (i == current.disconnectAfter()) {
                    socket.close();
                    return false;
                }
                String token = current.stamped() ? System.nanoTime() + " " : current.tokens().get(i);
                chunk(out, "{\"model\":\"" + name + "\",\"created_at\":\"" + java.time.Instant.now()
                        + "\",\"message\":{\"role\":\"assistant\",\"content\":" + quote(token) + "},\"done\":false}\n");
                chat.tokensSent++;
            }
            if (!current.toolCalls().isEmpty()) {
                chunk(out, "{\"model\":\"" + name + "\",\"created_at\":\"" + java.time.Instant.now()
                        + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" + String.join(",", current.toolCalls())
                        + "]},\"done\":false}\n");
            }
            long evalNanos = Math.max(1, System.nanoTime() - started);
            chunk(out, "{\"model\":\"" + name + "\",\"created_at\":\"" + java.time.Instant.now()
                    + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,"
                    + "\"total_duration\":" + (evalNanos + 1_000_000) + ",\"load_duration\":1000000,\"prompt_eval_count\":"
                    + promptEvalCount(request.body) + ",\"prompt_eval_duration\":500000,\"eval_count\":"
                    + (current.tokens().size() + current.toolCalls().size()) + ",\"eval_duration\":" + evalNanos + "}\n");
            chat.completed = true;
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the close watcher reads this connection, so it cannot take another request
            return false;
        } catch (IOException e) {
            chat.clientClosedNanos = System.nanoTime();
            return false;
        }
    }

    /** About a token per four characters, and like Ollama never more than the {@code num_ctx} asked: a longer prompt is cut. */
    private static int promptEvalCount(String body) {
        int sent = Math.max(1, body.length() / 4);
        Matcher context = NUM_CTX.matcher(body);
        return context.find() ? Math.min(sent, Integer.parseInt(context.group(1))) : sent;
    }

    private void watchForClose(InputStream in, Chat chat) {
        try {
            if (in.read() < 0 && !chat.completed) {
                chat.clientClosedNanos = System.nanoTime();
            }
        } catch (IOException e) {
            if (!chat.completed) {
                chat.clientClosedNanos = System.nanoTime();
            }
        }
    }

    /** Waits, unless the client hangs up first. */
    private static boolean pause(Duration delay, Chat chat) {
        long end = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < end) {
            if (chat.clientClosed()) {
                return false;
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(end - System.nanoTime(), 5_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !chat.clientClosed();
    }

    /** The context length {@code POST /api/show} reports for {@code model} (8192 unless set). */
    public OllamaStandIn contextLength(String model, int tokens) {
        contextLengths.put(model, tokens);
        return this;
    }

    private int contextLength(String name) {
        return contextLengths.getOrDefault(name.contains(":") ? name : name + ":latest", 8192);
    }

    private boolean hasModel(String name) {
        return models.stream().anyMatch(m -> m.equals(name) || m.equals(name + ":latest"));
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static boolean send(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Error") + "\r\nContent-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return true;
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String tag(String name) {
        return "{\"name\":\"" + name + "\",\"model\":\"" + name + "\",\"modified_at\":\"2026-11-01T10:00:00.000000000Z\","
                + "\"size\":4661224676,\"digest\":\"365c0bd3c000a25d28ddbf732fe1c6add414de7275464c4e4d1c3b5fcb5d8ad1\","
                + "\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\",\"families\":[\"llama\"],"
                + "\"parameter_size\":\"8.0B\",\"quantization_level\":\"Q4_0\"}}";
    }

    /** Stops answering and drops open connections; {@link #start(int, List)} on the same port brings it back. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
        threads.shutdownNow();
    }

    private record Request(String method, String path, Map<String, String> headers, String body) {

        /** The next request on the connection, or null when the client closed it. */
        static Request read(InputStream in) throws IOException {
            String requestLine = line(in);
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            String path = URI.create(parts[1]).getPath();
            return new Request(parts[0], path, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
        }
    }
}
