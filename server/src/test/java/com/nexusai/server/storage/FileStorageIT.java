package com.nexusai.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.StatObjectArgs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code /api/files} against the real embedded S3 store and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "nexusai.storage.max-upload-size=8MB")
class FileStorageIT extends EmbeddedServerTest {


    @Autowired
    MinioClient minio;

    @Autowired
    JdbcTemplate jdbc;


    private HttpResponse<String> uploadRaw(String token, String name, String type, byte[] body) throws Exception {
        return http.send(http.request("/api/files?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8), token)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aRawUploadIsStoredWithItsHashAndComesBackWholeOrByRange() throws Exception {
        String token = newUser("USER");
        byte[] bytes = new byte[5 * 1024 * 1024 + 123];
        new Random(42).nextBytes(bytes);
        HttpResponse<String> uploaded = uploadRaw(token, "report.bin", "application/octet-stream", bytes);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode file = Http.json(uploaded);
        assertThat(file.path("size").asLong()).isEqualTo(bytes.length);
        assertThat(file.path("sha256").asString()).isEqualTo(sha256(bytes));
        String id = file.path("id").asString();
        assertThat(uploaded.headers().firstValue("Location")).contains("/api/files/" + id);

        HttpResponse<byte[]> whole = http.sendBytes(http.request("/api/files/" + id + "/content", token).GET());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(bytes);
        assertThat(whole.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");

        HttpResponse<byte[]> part = http.sendBytes(http.request("/api/files/" + id + "/content", token).header("Range", "bytes=100-199").GET());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 100-199/" + bytes.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));

        HttpResponse<byte[]> tail = http.sendBytes(http.request("/api/files/" + id + "/content", token).header("Range", "bytes=-10").GET());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));

        HttpResponse<byte[]> beyond = http.sendBytes(http.request("/api/files/" + id + "/content", token)
                .header("Range", "bytes=" + bytes.length + "-").GET());
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + bytes.length);
    }

    @Test
    void aMultipartUploadKeepsTheNameForDisplayButNeverUsesItAsAKey() throws Exception {
        String token = newUser("USER");
        String boundary = "nexusai-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\"\r\n"
                + "Content-Type: text/plain\r\n\r\nroot:x:0:0\r\n--" + boundary + "--\r\n";
        HttpResponse<String> uploaded = http.send(http.request("/api/files", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode file = Http.json(uploaded);
        assertThat(file.path("name").asString()).isEqualTo("passwd");
        assertThat(file.path("contentType").asString()).isEqualTo("text/plain");
        String key = jdbc.queryForObject("select object_key from stored_files where id = ?::uuid", String.class, file.path("id").asString());
        assertThat(key).isEqualTo("files/" + file.path("id").asString()).doesNotContain("passwd", "..");
        assertThat(http.get("/api/files/" + file.path("id").asString() + "/content", token).body()).isEqualTo("root:x:0:0");
    }

    @Test
    void usersSeeTheirOwnFilesAndAdminSeesAll() throws Exception {
        String alice = newUser("USER");
        String bob = newUser("SUPPORT");
        String id = Http.json(uploadRaw(alice, "alice.txt", "text/plain", "alice's".getBytes())).path("id").asString();
        for (int i = 0; i < 3; i++) {
            uploadRaw(bob, "bob-" + i + ".txt", "text/plain", ("bob " + i).getBytes());
        }
        assertThat(http.get("/api/files/" + id, bob).statusCode()).as("someone else's file is not found").isEqualTo(404);
        assertThat(http.get("/api/files/" + id + "/content", bob).statusCode()).isEqualTo(404);
        assertThat(http.send(http.request("/api/files/" + id, bob).DELETE()).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/files/" + id, admin).statusCode()).isEqualTo(200);

        JsonNode page = Http.json(http.get("/api/files?size=2&page=0", bob));
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("items").size()).isEqualTo(2);
        assertThat(page.path("items").valueStream().map(f -> f.path("name").asString())).allMatch(n -> n.startsWith("bob-"));
        assertThat(Http.json(http.get("/api/files?size=2&page=1", bob)).path("items").size()).isEqualTo(1);
        assertThat(Http.json(http.get("/api/files?name=BOB-1", bob)).path("total").asLong()).isEqualTo(1);
        assertThat(http.get("/api/files?size=0", bob).statusCode()).isEqualTo(400);
    }

    @Test
    void deleteRemovesTheRowAndTheObject() throws Exception {
        String token = newUser("USER");
        String id = Http.json(uploadRaw(token, "gone.txt", "text/plain", "bye".getBytes())).path("id").asString();
        assertThat(http.send(http.request("/api/files/" + id, token).DELETE()).statusCode()).isEqualTo(204);
        assertThat(http.get("/api/files/" + id, token).statusCode()).isEqualTo(404);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> minio.statObject(
                StatObjectArgs.builder().bucket("nexusai-prod").object("files/" + id).build())).hasMessageContaining("not exist");
    }

    @Test
    void aFileOverTheLimitIs413AndLeavesNothingBehind() throws Exception {
        String token = newUser("USER");
        long rowsBefore = jdbc.queryForObject("select count(*) from stored_files", Long.class);
        HttpResponse<String> declared = uploadRaw(token, "big.bin", "application/octet-stream", new byte[9 * 1024 * 1024]);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(Http.json(declared).path("detail").asString()).contains("at most", "max-upload-size");
        HttpResponse<String> streamed = http.send(http.request("/api/files?name=big.bin", token)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[9 * 1024 * 1024]))));
        assertThat(streamed.statusCode()).as("chunked, no Content-Length").isEqualTo(413);
        assertThat(jdbc.queryForObject("select count(*) from stored_files", Long.class)).isEqualTo(rowsBefore);
    }

    @Test
    void whenTheStoreFailsTheUploadIs503WithAMessageAndNoRowIsWritten() throws Exception {
        String token = newUser("USER");
        // an empty store, then no bucket at all: every upload must fail cleanly
        List<String> keys = jdbc.queryForList("select object_key from stored_files", String.class);
        keys.forEach(key -> {
            try {
                minio.removeObject(io.minio.RemoveObjectArgs.builder().bucket("nexusai-prod").object(key).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        jdbc.update("delete from stored_files");
        minio.removeBucket(RemoveBucketArgs.builder().bucket("nexusai-prod").build());
        try {
            HttpResponse<String> failed = uploadRaw(token, "lost.txt", "text/plain", "nothing".getBytes());
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(Http.json(failed).path("detail").asString()).contains("object store is unavailable", "NoSuchBucket", "health");
            assertThat(jdbc.queryForObject("select count(*) from stored_files", Long.class)).isZero();
            assertThat(http.get("/api/users/me", token).statusCode()).as("the rest keeps working").isEqualTo(200);
        } finally {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket("nexusai-prod").build())) {
                minio.makeBucket(MakeBucketArgs.builder().bucket("nexusai-prod").build());
            }
        }
    }

    @Test
    void aRawUploadWithoutANameIs400() throws Exception {
        String token = newUser("USER");
        HttpResponse<String> response = http.send(http.request("/api/files", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).path("detail").asString()).contains("name");
    }
}
