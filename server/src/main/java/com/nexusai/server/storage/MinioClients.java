package com.nexusai.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** The MinIO client of the server and of preflight: an {@code https://} endpoint is verified against the data tier's authority when one is given. */
public final class MinioClients {

    private MinioClients() {
    }

    /** @param caFile PEM certificates to trust besides the system's, or null/blank */
    public static MinioClient create(String endpoint, String accessKey, String secretKey, String caFile, Duration connectTimeout,
            Duration transferTimeout) {
        if (endpoint.startsWith("http:")) {
            return MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                    .httpClient(plaintext(connectTimeout, transferTimeout), true).build();
        }
        OkHttpClient http = HttpUtils.newDefaultHttpClient(connectTimeout.toMillis(), transferTimeout.toMillis(), transferTimeout.toMillis());
        if (caFile != null && !caFile.isBlank() && endpoint.startsWith("https:")) {
            try {
                http = HttpUtils.enableExternalCertificates(http, caFile);
            } catch (IOException e) {
                throw new UncheckedIOException("DATA_TIER_CA_FILE " + caFile + " cannot be read", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("DATA_TIER_CA_FILE " + caFile + " is not a PEM certificate: " + e.getMessage(), e);
            }
        }
        return MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).httpClient(http, true).build();
    }

    /**
     * MinIO's default client for a plain {@code http://} endpoint (the embedded store, a store on the data tier's
     * private network), without its TLS set-up: OkHttp's default loads the system's CA certificates, and MinIO's
     * also parses the file named by {@code SSL_CERT_FILE}, half a second of start-up for a connection that never
     * uses them.
     */
    private static OkHttpClient plaintext(Duration connectTimeout, Duration transferTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(transferTimeout)
                .writeTimeout(transferTimeout)
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .build();
    }
}
