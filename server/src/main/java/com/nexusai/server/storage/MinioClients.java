package com.nexusai.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;

import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import okhttp3.OkHttpClient;

/** The MinIO client of the server and of preflight: an {@code https://} endpoint is verified against the data tier's authority when one is given. */
public final class MinioClients {

    private MinioClients() {
    }

    /** @param caFile PEM certificates to trust besides the system's, or null/blank */
    public static MinioClient create(String endpoint, String accessKey, String secretKey, String caFile, Duration connectTimeout,
            Duration transferTimeout) {
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
}
