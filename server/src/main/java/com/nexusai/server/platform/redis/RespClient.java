package com.nexusai.server.platform.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The few Redis commands the platform itself needs while Spring is not up yet (readiness, version),
 * spoken in RESP over a socket (TLS when given an SSL socket factory); tests use it to ask a Redis or a Sentinel one thing without the client
 * under test.
 */
public final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespClient(String host, int port, int timeoutMillis) throws IOException {
        this(host, port, timeoutMillis, javax.net.SocketFactory.getDefault());
    }

    /** Through {@code sockets}: an {@link javax.net.ssl.SSLSocketFactory} for a Redis that listens on TLS only. */
    public RespClient(String host, int port, int timeoutMillis, javax.net.SocketFactory sockets) throws IOException {
        socket = sockets.createSocket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends one command and returns its reply; an error reply becomes an IOException with Redis's text. */
    public String call(String... args) throws IOException {
        send(args);
        return String.valueOf(readReply());
    }

    /** Sends one command whose reply is an array (of strings or numbers). */
    public java.util.List<String> callForList(String... args) throws IOException {
        send(args);
        if (!(readReply() instanceof java.util.List<?> items)) {
            throw new IOException("not an array reply to " + args[0]);
        }
        return items.stream().map(String::valueOf).toList();
    }

    private void send(String... args) throws IOException {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Object readReply() throws IOException {
        String line = readLine();
        if (line.isEmpty()) {
            throw new IOException("empty reply from Redis");
        }
        char type = line.charAt(0);
        String rest = line.substring(1);
        return switch (type) {
            case '+', ':' -> rest;
            case '-' -> throw new IOException(rest);
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    yield null;
                }
                byte[] body = in.readNBytes(length + 2);
                yield new String(body, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(rest);
                java.util.List<Object> items = new java.util.ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(readReply());
                }
                yield items;
            }
            default -> throw new IOException("unexpected Redis reply: " + line);
        };
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
