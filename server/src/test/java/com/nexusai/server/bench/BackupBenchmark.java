package com.nexusai.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nexusai.server.support.Http;
import com.nexusai.server.support.ServerProcess;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5's figures for BENCHMARKS.md: {@code ./mvnw -B -Pbenchmark -pl server -am verify
 * -Dit.test=BackupBenchmark}. A database of about 1 GB ({@code pgbench -i -s 70}) in the packaged
 * server's embedded PostgreSQL, backed up by the server (pg_dump streamed to the store) and by the
 * guide's script path run by hand (pg_dump to a file, gzip, upload with the MinIO client), in one run;
 * the disk in use is sampled every 100 ms during each; then the restore of the server's backup.
 * Writes {@code server/target/benchmarks/backup.md}.
 */
class BackupBenchmark {

    private static final Pattern S3 = Pattern.compile("S3 store .* ready at (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern POSTGRES = Pattern.compile("PostgreSQL .* ready at jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/(\\w+)");
    private static final int SCALE = 70;

    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (ServerProcess server = ServerProcess.startEmbedded(tmp.resolve("server.log"), dataDir, 0)) {
            String url = server.awaitReady(Duration.ofMinutes(3));
            Http http = new Http(url);
            String token = http.accessToken("admin", ServerProcess.secret(dataDir, "admin-password"));
            String output = server.output();
            Matcher pg = POSTGRES.matcher(output);
            if (!pg.find()) {
                throw new AssertionError("no PostgreSQL line in the server's output");
            }
            String port = pg.group(1);
            String database = pg.group(2);
            Map<String, String> pgEnv = Map.of("PGPASSWORD", ServerProcess.secret(dataDir, "postgres-password"));
            List<String> connect = List.of("-h", "127.0.0.1", "-p", port, "-U", "postgres");

            long t0 = System.nanoTime();
            run(pgEnv, concat(List.of("pgbench", "-i", "-s", Integer.toString(SCALE), "-q"), connect, List.of(database)), null);
            // pgbench's filler is blanks, which compress to nothing: random text makes a dump of a realistic size
            run(pgEnv, concat(List.of("psql", "-q", "-c", "update pgbench_accounts set filler = md5(random()::text) || md5(random()::text) "
                    + "|| left(md5(random()::text), 20)", "-c", "vacuum full pgbench_accounts"), connect, List.of(database)), null);
            double initSeconds = seconds(t0);
            long databaseBytes = Long.parseLong(capture(pgEnv, concat(List.of("psql", "-At", "-c", "select pg_database_size(current_database())"),
                    connect, List.of(database))).strip());

            StringBuilder report = new StringBuilder("# Backups, measured\n\nMachine: ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
                    .append("; the packaged server in embedded mode; `pgbench -i -s ").append(SCALE).append("` with random text in `pgbench_accounts.filler` took ")
                    .append(String.format(Locale.ROOT, "%.0f s", initSeconds)).append(" and made a database of ")
                    .append(databaseBytes / (1024 * 1024)).append(" MiB. pg_dump ")
                    .append(capture(Map.of(), List.of("pg_dump", "--version")).strip()).append(". Disk: one file system for all (")
                    .append(Files.getFileStore(tmp)).append(").\n\n");

            // the server: POST /api/admin/backups, pg_dump streamed to the store
            DiskSampler disk = new DiskSampler(Files.getFileStore(tmp), dataDir.resolve("s3"));
            disk.start();
            t0 = System.nanoTime();
            JsonNode started = Http.json(http.post("/api/admin/backups", Http.toJson(Map.of("kind", "postgres")), token));
            String id = started.get(0).path("id").asString();
            JsonNode run;
            do {
                Thread.sleep(200);
                run = Http.json(http.get("/api/admin/backups/" + id, token));
            } while (run.path("status").asString().equals("running"));
            double serverSeconds = seconds(t0);
            disk.stop();
            if (!run.path("status").asString().equals("succeeded")) {
                throw new AssertionError("the backup failed: " + run);
            }
            long serverBytes = run.path("sizeBytes").asLong();
            long serverPeak = disk.peakGrowth();
            long serverFinal = disk.finalGrowth();

            // the guide's path, by hand: pg_dump -Fc to a file, gzip, upload
            Path dump = tmp.resolve("nexusai_bench.dump");
            disk = new DiskSampler(Files.getFileStore(tmp), dataDir.resolve("s3"));
            disk.start();
            t0 = System.nanoTime();
            run(pgEnv, concat(List.of("pg_dump", "-Fc", "-f", dump.toString()), connect, List.of(database)), null);
            double dumpSeconds = seconds(t0);
            long t1 = System.nanoTime();
            run(Map.of(), List.of("gzip", dump.toString()), null);
            double gzipSeconds = seconds(t1);
            Path gz = tmp.resolve("nexusai_bench.dump.gz");
            long t2 = System.nanoTime();
            MinioClient minio = MinioClient.builder().endpoint(server.find(S3))
                    .credentials(ServerProcess.secret(dataDir, "s3-access-key"), ServerProcess.secret(dataDir, "s3-secret-key")).build();
            minio.uploadObject(UploadObjectArgs.builder().bucket("nexusai-backups").object("by-hand/" + gz.getFileName())
                    .filename(gz.toString()).build());
            double uploadSeconds = seconds(t2);
            double guideSeconds = seconds(t0);
            disk.stop();
            long guideBytes = Files.size(gz);
            long guidePeak = disk.peakGrowth();
            long guideFinal = disk.finalGrowth();

            // restoring the server's backup over the database
            t0 = System.nanoTime();
            var restoring = http.post("/api/admin/backups/" + id + "/restore", Http.toJson(Map.of("confirm", id)), token);
            if (restoring.statusCode() != 202) {
                throw new AssertionError("restore answered " + restoring.statusCode() + ": " + restoring.body());
            }
            // the job's progress events end with "finished": the benchmark's clock runs until then
            String job = "/api/admin/backups/jobs/" + Http.json(restoring).path("id").asString();
            JsonNode ended;
            try (var events = new com.nexusai.server.support.EventStream(http.sendStream(http.request(job + "/progress", token).GET()))) {
                ended = events.rest().getLast().json();
            }
            double restoreSeconds = seconds(t0);
            if (!ended.path("status").asString().equals("succeeded")) {
                throw new AssertionError("the restore ended " + ended.path("status").asString() + ": " + ended.path("detail").asString());
            }

            report.append("| | time | backup size | host disk written outside the object store: peak | at the end |\n|---|---|---|---|---|\n")
                    .append(String.format(Locale.ROOT, "| the server (`POST /api/admin/backups`, pg_dump streamed to the store) | %.1f s | %d MiB | %d MiB | %d MiB |%n",
                            serverSeconds, mib(serverBytes), mib(serverPeak), mib(serverFinal)))
                    .append(String.format(Locale.ROOT, "| the guide's path: pg_dump -Fc to a file (%.1f s), gzip (%.1f s), upload (%.1f s) | %.1f s | %d MiB | %d MiB | %d MiB |%n",
                            dumpSeconds, gzipSeconds, uploadSeconds, guideSeconds, mib(guideBytes), mib(guidePeak), mib(guideFinal)))
                    .append(String.format(Locale.ROOT, "%nThe server's backup is %.2fx as fast (goal: at least 1.5x). Disk written on the host outside the object store: "
                                    + "server %d MiB at the peak (goal: none), guide's path %d MiB at the peak and %d MiB left (its .gz stays until `find -mtime +7`).%n",
                            guideSeconds / serverSeconds, mib(serverPeak), mib(guidePeak), mib(guideFinal)))
                    .append(String.format(Locale.ROOT, "Restore of the server's backup (`POST /api/admin/backups/{id}/restore`, pg_restore --clean --single-transaction): %.1f s.%n",
                            restoreSeconds));
            Path out = Path.of("target", "benchmarks", "backup.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.out.println(report);
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    private static void run(Map<String, String> environment, List<String> command, Path stdout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }

    private static String capture(Map<String, String> environment, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + text);
        }
        return text;
    }



    /**
     * The file system's space in use outside the object store's directory (what the backup itself
     * writes on the host), every 100 ms, relative to when sampling started.
     */
    private static final class DiskSampler {
        private final FileStore store;
        private final Path objectStore;
        private final long baseline;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;
        private long last;

        DiskSampler(FileStore store, Path objectStore) throws IOException {
            this.store = store;
            this.objectStore = objectStore;
            this.baseline = used();
        }

        private long used() throws IOException {
            long inStore;
            try (var files = Files.walk(objectStore)) {
                inStore = files.filter(Files::isRegularFile).mapToLong(file -> {
                    try {
                        return Files.size(file);
                    } catch (IOException e) {
                        return 0; // gone meanwhile (a part assembled)
                    }
                }).sum();
            } catch (java.io.UncheckedIOException e) {
                inStore = 0;
            }
            return store.getTotalSpace() - store.getUnallocatedSpace() - inStore;
        }

        void start() {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    try {
                        peak.accumulateAndGet(used() - baseline, Math::max);
                        Thread.sleep(100);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        void stop() throws Exception {
            running = false;
            thread.join();
            last = used() - baseline;
            peak.accumulateAndGet(last, Math::max);
        }

        long peakGrowth() {
            return peak.get();
        }

        long finalGrowth() {
            return last;
        }
    }
}
