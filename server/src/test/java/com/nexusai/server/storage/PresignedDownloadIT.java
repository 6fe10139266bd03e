package com.nexusai.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code nexusai.storage.presigned-downloads.enabled}: a download answers 307 to a short-lived presigned URL of the
 * real embedded S3 store, which serves the bytes, the name and the type itself; the server still decides who may.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"nexusai.storage.presigned-downloads.enabled=true", "nexusai.storage.presigned-downloads.expiry=2m"})
class PresignedDownloadIT extends EmbeddedServerTest {

    @Autowired
    StorageConnectionDetails storeDetails;

    private static final HttpClient STORE = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private JsonNode upload(String token, String name, byte[] bytes) throws Exception {
        HttpResponse<String> uploaded = http.send(http.request("/api/files?name=" + name, token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        return Http.json(uploaded);
    }

    @Test
    void aDownloadIsRedirectedToTheStoreWhichServesTheFileItsNameAndARange() throws Exception {
        String token = newUser("USER");
        byte[] bytes = new byte[700_000];
        new Random(11).nextBytes(bytes);
        JsonNode file = upload(token, "ventes-2026.csv", bytes);

        HttpResponse<String> redirect = http.send(http.request("/api/files/" + file.path("id").asString() + "/content", token).GET());
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(redirect.headers().firstValue("X-Content-SHA256")).hasValue(file.path("sha256").asString());
        URI link = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        URI store = URI.create(storeDetails.endpoint());
        assertThat(link.getHost() + ":" + link.getPort()).isEqualTo(store.getHost() + ":" + store.getPort());
        assertThat(link.getRawQuery()).contains("X-Amz-Expires=120", "X-Amz-Signature=");

        // the store checks the signature alone: no bearer token goes there
        HttpResponse<byte[]> whole = STORE.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(bytes);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("text/csv");
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", "ventes-2026.csv");

        HttpResponse<byte[]> part = STORE.send(HttpRequest.newBuilder(link).header("Range", "bytes=100-199").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));
    }

    @Test
    void aLinkOpensOnlyItsOwnFileAndOnlyTheOwnerGetsOne() throws Exception {
        String owner = newUser("USER");
        JsonNode mine = upload(owner, "mine.csv", "a,b\n1,2\n".getBytes());
        JsonNode other = upload(owner, "other.csv", "c,d\n3,4\n".getBytes());

        HttpResponse<String> stranger = http.send(http.request("/api/files/" + mine.path("id").asString() + "/content",
                newUser("USER")).GET());
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(stranger.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> redirect = http.send(http.request("/api/files/" + mine.path("id").asString() + "/content", owner).GET());
        String tampered = redirect.headers().firstValue("Location").orElseThrow()
                .replace(mine.path("id").asString(), other.path("id").asString());
        HttpResponse<String> forged = STORE.send(HttpRequest.newBuilder(URI.create(tampered)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }
}
