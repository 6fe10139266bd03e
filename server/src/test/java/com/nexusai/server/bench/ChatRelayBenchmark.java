package com.nexusai.server.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nexusai.server.support.EventStream;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.OllamaStandIn;
import com.nexusai.server.support.OllamaStandIn.Script;
import com.nexusai.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat relay's overhead, for BENCHMARKS.md: {@code ./mvnw -B -Pbenchmark -pl server -am verify
 * -Dit.test=ChatRelayBenchmark}. The packaged server relays the Ollama stand-in; in the same run,
 * chats go alternately straight to the stand-in and through the server. Time to first token is from
 * sending the request to reading the first token; each token carries the {@link System#nanoTime()} at
 * which the stand-in wrote it (same JVM as the client), so its delivery delay is measured exactly,
 * direct and relayed. Writes {@code server/target/benchmarks/chat-relay.md}.
 */
class ChatRelayBenchmark {

    private static final int WARM_UP = 150;
    private static final int CHATS = 400;
    private static final int TOKENS = 20;

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (OllamaStandIn ollama = OllamaStandIn.start(List.of("llama3:latest"))) {
            ollama.script(Script.tokens(TOKENS).every(Duration.ofMillis(5)).withTimestamps());
            try (ServerProcess server = ServerProcess.startEmbedded(tmp.resolve("server.log"), dataDir, 0,
                    "--nexusai.ai.ollama.base-url=" + ollama.baseUrl())) {
                String url = server.awaitReady(Duration.ofMinutes(3));
                Http http = new Http(url);
                String token = http.accessToken("admin", Files.readString(dataDir.resolve("secrets/admin-password")).strip());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                Samples direct = new Samples();
                Samples relayed = new Samples();
                for (int i = 0; i < WARM_UP; i++) {
                    direct(client, ollama, new Samples());
                    relayed(client, url, token, new Samples());
                }
                for (int i = 0; i < CHATS; i++) {
                    direct(client, ollama, direct);
                    relayed(client, url, token, relayed);
                }
                write(report(direct, relayed));
            }
        }
    }

    private static void direct(HttpClient client, OllamaStandIn ollama, Samples samples) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ollama.baseUrl() + "/api/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("model", "llama3", "stream", true,
                        "messages", List.of(Map.of("role", "user", "content", "Hi"))))))
                .build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            boolean first = true;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long now = System.nanoTime();
                String content = Http.json(line).path("message").path("content").asString("");
                if (content.isBlank()) {
                    continue;
                }
                if (first) {
                    samples.firstToken.add(now - sent);
                    first = false;
                }
                samples.tokenDelay.add(now - Long.parseLong(content.strip()));
            }
        }
    }

    private static void relayed(HttpClient client, String url, String token, Samples samples) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/ai/chat"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("message", "Hi"))))
                .build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("chat answered " + response.statusCode());
        }
        try (EventStream events = new EventStream(response)) {
            boolean first = true;
            for (EventStream.Event event = events.next(); event != null; event = events.next()) {
                if (!event.name().equals("token")) {
                    continue;
                }
                if (first) {
                    samples.firstToken.add(event.receivedNanos() - sent);
                    first = false;
                }
                samples.tokenDelay.add(event.receivedNanos() - Long.parseLong(event.json().path("content").asString().strip()));
            }
        }
    }

    private static String report(Samples direct, Samples relayed) {
        double ttftDirect = percentile(direct.firstToken, 50);
        double ttftRelayed = percentile(relayed.firstToken, 50);
        StringBuilder report = new StringBuilder("# Chat relay overhead, measured\n\nMachine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
                .append("; the packaged server in embedded mode; the Ollama stand-in and the client in one JVM, the server in another.\n")
                .append(CHATS).append(" chats each way, alternating, after ").append(WARM_UP).append(" of each to warm up; ")
                .append(TOKENS).append(" tokens 5 ms apart per chat.\n\n")
                .append("| | direct to the stand-in | through the server | added |\n|---|---|---|---|\n");
        for (int p : new int[] {50, 90, 99}) {
            double d = percentile(direct.firstToken, p);
            double r = percentile(relayed.firstToken, p);
            report.append(String.format(Locale.ROOT, "| time to first token p%d | %.2f ms | %.2f ms | %.2f ms |%n", p, d, r, r - d));
        }
        for (int p : new int[] {50, 90, 99}) {
            double d = percentile(direct.tokenDelay, p);
            double r = percentile(relayed.tokenDelay, p);
            report.append(String.format(Locale.ROOT, "| token delivery delay p%d | %.3f ms | %.3f ms | %.3f ms |%n", p, d, r, r - d));
        }
        report.append(String.format(Locale.ROOT, "%nGoals: time to first token added at the median %.2f ms (goal < 5 ms); "
                        + "delay added per token at p99 %.3f ms (goal < 1 ms).%n", ttftRelayed - ttftDirect,
                percentile(relayed.tokenDelay, 99) - percentile(direct.tokenDelay, 99)));
        return report.toString();
    }

    private static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static void write(String report) throws Exception {
        Path out = Path.of("target", "benchmarks", "chat-relay.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private static final class Samples {
        final List<Long> firstToken = new ArrayList<>();
        final List<Long> tokenDelay = new ArrayList<>();
    }
}
