package com.nexusai.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.nexusai.server.support.Http;
import com.nexusai.server.support.ServerProcess;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's figures for BENCHMARKS.md: {@code ./mvnw -B -Pbenchmark -pl server -am verify
 * -Dit.test=StorageAndEventsBenchmark}. A 1 GiB file through the server (raw-body upload, download)
 * against the MinIO client straight to the same store, with the server's heap sampled during the
 * transfer; the outbox's throughput to the audit consumer, and the time from commit to consumer.
 * Writes {@code server/target/benchmarks/storage-events.md}.
 */
class StorageAndEventsBenchmark {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final Pattern S3 = Pattern.compile("S3 store .* ready at (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern POSTGRES = Pattern.compile("PostgreSQL .* ready at (jdbc:postgresql://\\S+)");

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        Path dataDir = tmp.resolve("data");
        String bigFile;
        StringBuilder report;
        try (ServerProcess server = ServerProcess.startEmbedded(tmp.resolve("server.log"), dataDir, 0)) {
            String url = server.awaitReady(Duration.ofMinutes(3));
            Http http = new Http(url);
            String token = http.accessToken("admin", Files.readString(dataDir.resolve("secrets/admin-password")).strip());
            report = new StringBuilder("# Files and events, measured\n\nMachine: "
                    + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                    + "; the server in embedded mode from the packaged jar; client and server share the machine.\n\n");

            MinioClient direct = directClient(server, dataDir);
            long t0 = System.nanoTime();
            direct.putObject(PutObjectArgs.builder().bucket("nexusai-prod").object("bench/direct.bin")
                    .stream(new PatternStream(GIB), GIB, -1).build());
            double directUp = seconds(t0);
            t0 = System.nanoTime();
            try (InputStream in = direct.getObject(GetObjectArgs.builder().bucket("nexusai-prod").object("bench/direct.bin").build())) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            double directDown = seconds(t0);

            HeapSampler heap = new HeapSampler(http, token);
            heap.start();
            t0 = System.nanoTime();
            HttpResponse<String> uploaded = http.send(http.request("/api/files?name=big.bin", token)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(GIB)), GIB)));
            double serverUp = seconds(t0);
            if (uploaded.statusCode() != 201) {
                throw new AssertionError("upload answered " + uploaded.statusCode() + ": " + uploaded.body());
            }
            String id = Http.json(uploaded).path("id").asString();
            // downloaded with OkHttp, the HTTP client the MinIO client uses for the direct figure (the JDK's
            // HttpClient streaming into an InputStream was the bottleneck here, at about 290 MB/s)
            okhttp3.OkHttpClient okHttp = new okhttp3.OkHttpClient();
            long received;
            t0 = System.nanoTime();
            try (okhttp3.Response download = okHttp.newCall(new okhttp3.Request.Builder().url(url + "/api/files/" + id + "/content")
                    .header("Authorization", "Bearer " + token).build()).execute(); InputStream in = download.body().byteStream()) {
                received = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            double serverDown = seconds(t0);
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
            heap.stop();
            if (received != GIB) {
                throw new AssertionError("downloaded " + received + " bytes");
            }

            // again, for the live heap: a full GC before each sample (slows the transfers, so not timed)
            HeapSampler live = new HeapSampler(http, token, server.pid());
            live.start();
            HttpResponse<String> again = http.send(http.request("/api/files?name=big-again.bin", token)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(GIB)), GIB)));
            if (again.statusCode() != 201) {
                throw new AssertionError("second upload answered " + again.statusCode());
            }
            try (InputStream in = http.sendStream(http.request("/api/files/" + id + "/content", token).GET()).body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            live.stop();
            report.append("## A 1 GiB file\n\n| | upload MB/s | download MB/s |\n|---|---|---|\n")
                    .append("| MinIO client straight to the store | ").append(mbps(directUp)).append(" | ").append(mbps(directDown)).append(" |\n")
                    .append("| through the server (`/api/files`) | ").append(mbps(serverUp)).append(" | ").append(mbps(serverDown)).append(" |\n")
                    .append("| server / direct | ").append(pct(directUp / serverUp)).append(" | ").append(pct(directDown / serverDown)).append(" |\n\n")
                    .append("Server heap used during the transfers (sampled every 250 ms from /actuator/metrics): min ")
                    .append(heap.min() / (1024 * 1024)).append(" MiB, max ").append(heap.max() / (1024 * 1024)).append(" MiB over ")
                    .append(heap.samples()).append(" samples (goal: flat; the file is 1024 MiB).\n")
                    .append("Live heap (after a full GC, sampled through a second upload and download of the same size): min ")
                    .append(live.min() / (1024 * 1024)).append(" MiB, max ").append(live.max() / (1024 * 1024)).append(" MiB over ")
                    .append(live.samples()).append(" samples.\n\n");

            try (Connection db = DriverManager.getConnection(server.find(POSTGRES), "postgres", ServerProcess.secret(dataDir, "postgres-password"))) {
                int burst = 5000;
                String marker = "bench-" + UUID.randomUUID();
                t0 = System.nanoTime();
                db.setAutoCommit(false);
                try (PreparedStatement insert = db.prepareStatement("insert into outbox_events (event_id, type, aggregate_type, aggregate_id, actor, payload) values (?, 'bench.event', 'bench', ?, 'bench', '{}')")) {
                    for (int i = 0; i < burst; i++) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, marker + "-" + (i % 50));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                db.commit();
                db.setAutoCommit(true);
                waitFor(db, "select count(*) from outbox_events where aggregate_id like '" + marker + "%' and published_at is not null", burst);
                double relayed = seconds(t0);
                waitFor(db, "select count(*) from events where aggregate_id like '" + marker + "%'", burst);
                double consumed = seconds(t0);

                String trickle = "trickle-" + UUID.randomUUID();
                for (int i = 0; i < 50; i++) {
                    try (Statement single = db.createStatement()) {
                        single.execute("insert into outbox_events (event_id, type, aggregate_type, aggregate_id, actor, payload) values ('"
                                + UUID.randomUUID() + "', 'bench.trickle', 'bench', '" + trickle + "', 'bench', '{}')");
                    }
                    Thread.sleep(100);
                }
                waitFor(db, "select count(*) from events where aggregate_id = '" + trickle + "'", 50);
                List<Double> latencies = new ArrayList<>();
                try (Statement query = db.createStatement(); var rows = query.executeQuery(
                        "select extract(epoch from (received_at - occurred_at)) * 1000 from events where aggregate_id = '" + trickle + "'")) {
                    while (rows.next()) {
                        latencies.add(rows.getDouble(1));
                    }
                }
                latencies.sort(null);
                report.append("## Events\n\n")
                        .append("A burst of ").append(burst).append(" events committed to the outbox at once: all acknowledged by Kafka after ")
                        .append(f(relayed)).append(" s (").append(Math.round(burst / relayed)).append(" events/s), all stored by the audit consumer after ")
                        .append(f(consumed)).append(" s (").append(Math.round(burst / consumed)).append(" events/s).\n\n")
                        .append("One event every 100 ms (50): from commit to stored by the consumer, median ")
                        .append(Math.round(latencies.get(24))).append(" ms, p95 ").append(Math.round(latencies.get(47)))
                        .append(" ms (the relay polls every 500 ms, `nexusai.events.relay-interval`).\n");
            }
            bigFile = id;
        }
        report.append(presignedDownload(dataDir, bigFile));
        Path out = Path.of("target", "benchmarks", "storage-events.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    /**
     * The same server again, with {@code nexusai.storage.presigned-downloads.enabled}: the 1 GiB file downloaded through
     * {@code /api/files/{id}/content}, which answers 307 to the store, against the MinIO client straight to the store,
     * alternated twice (OkHttp follows the redirect and drops the bearer token on the way, as browsers and curl do).
     */
    private String presignedDownload(Path dataDir, String id) throws Exception {
        try (ServerProcess server = ServerProcess.startEmbedded(tmp.resolve("server-presigned.log"), dataDir, 0,
                "--nexusai.storage.presigned-downloads.enabled=true")) {
            String url = server.awaitReady(Duration.ofMinutes(3));
            String token = new Http(url).accessToken("admin", Files.readString(dataDir.resolve("secrets/admin-password")).strip());
            MinioClient direct = directClient(server, dataDir);
            okhttp3.OkHttpClient okHttp = new okhttp3.OkHttpClient();
            StringBuilder rows = new StringBuilder();
            for (int round = 1; round <= 2; round++) {
                long t0 = System.nanoTime();
                try (InputStream in = direct.getObject(GetObjectArgs.builder().bucket("nexusai-prod").object("files/" + id).build())) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                double directDown = seconds(t0);
                t0 = System.nanoTime();
                long received;
                try (okhttp3.Response download = okHttp.newCall(new okhttp3.Request.Builder().url(url + "/api/files/" + id + "/content")
                        .header("Authorization", "Bearer " + token).build()).execute(); InputStream in = download.body().byteStream()) {
                    if (download.priorResponse() == null || download.priorResponse().code() != 307) {
                        throw new AssertionError("no redirect to the store: " + download.code());
                    }
                    received = in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                double redirected = seconds(t0);
                if (received != GIB) {
                    throw new AssertionError("downloaded " + received + " bytes through the redirect");
                }
                rows.append("| round ").append(round).append(" | ").append(mbps(directDown)).append(" | ").append(mbps(redirected))
                        .append(" | ").append(pct(directDown / redirected)).append(" |\n");
            }
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
            return "\n## Downloads redirected to the store (`nexusai.storage.presigned-downloads.enabled`)\n\n"
                    + "| | MinIO client straight to the store, MB/s | `GET /api/files/{id}/content` -> 307 -> store, MB/s | redirected / direct |\n"
                    + "|---|---|---|---|\n" + rows + "\n";
        }
    }

    /** The MinIO client straight to the embedded store of {@code server}: the reference of every download figure. */
    private static MinioClient directClient(ServerProcess server, Path dataDir) throws IOException {
        return MinioClient.builder().endpoint(server.find(S3))
                .credentials(ServerProcess.secret(dataDir, "s3-access-key"), ServerProcess.secret(dataDir, "s3-secret-key")).build();
    }

    private static void waitFor(Connection db, String countQuery, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement statement = db.createStatement(); var rows = statement.executeQuery(countQuery)) {
                rows.next();
                if (rows.getLong(1) >= expected) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not reached in time: " + countQuery);
    }

    /** Bytes without a file: a 1 MiB random block, repeated. */
    private static final class PatternStream extends InputStream {
        private final byte[] block = new byte[1024 * 1024];
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
            new Random(7).nextBytes(block);
        }

        @Override
        public int read() {
            return position < size ? block[(int) (position++ % block.length)] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int start = (int) (position % block.length);
            int n = (int) Math.min(Math.min(length, block.length - start), size - position);
            System.arraycopy(block, start, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /** Samples the server's used heap through the metrics endpoint while a transfer runs. */
    private static final class HeapSampler {
        private final Http http;
        private final String token;
        private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong max = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final long collectPid;
        private volatile boolean running = true;
        private Thread thread;

        HeapSampler(Http http, String token) {
            this(http, token, -1);
        }

        /** With {@code collectPid} >= 0, runs a full GC in that JVM (jcmd) before each sample: the live heap. */
        HeapSampler(Http http, String token, long collectPid) {
            this.http = http;
            this.token = token;
            this.collectPid = collectPid;
        }

        private void collect() throws Exception {
            if (collectPid < 0) {
                return;
            }
            Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
            Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(collectPid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd GC.run failed");
            }
        }

        void start() {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    try {
                        collect();
                        var body = Http.json(http.get("/actuator/metrics/jvm.memory.used?tag=area:heap", token));
                        long used = (long) body.path("measurements").get(0).path("value").asDouble();
                        min.accumulateAndGet(used, Math::min);
                        max.accumulateAndGet(used, Math::max);
                        samples.incrementAndGet();
                        Thread.sleep(250);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long min() {
            return min.get();
        }

        long max() {
            return max.get();
        }

        long samples() {
            return samples.get();
        }
    }



    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String mbps(double seconds) {
        return String.format(Locale.ROOT, "%.0f", GIB / 1e6 / seconds);
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * ratio);
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
