package com.nexusai.server.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code nexusai.storage.minio.*}, as in the guide's §2.2 (in embedded mode the endpoint and keys come
 * from the platform), and {@code nexusai.storage.max-upload-size}.
 *
 * @param minio the object store
 * @param maxUploadSize the largest file an upload may carry
 */
@ConfigurationProperties("nexusai.storage")
public record StorageProperties(@DefaultValue Minio minio, @DefaultValue("2GB") DataSize maxUploadSize) {
    /**
     * @param endpoint the store's URL (MINIO_ENDPOINT)
     * @param accessKey its access key (MINIO_ACCESS_KEY)
     * @param secretKey its secret key (MINIO_SECRET_KEY)
     * @param bucketName the bucket of the files
     */

    public record Minio(String endpoint, String accessKey, String secretKey,
            @DefaultValue("nexusai-prod") String bucketName) {
    }

    StorageConnectionDetails connectionDetails() {
        if (minio.endpoint() == null || minio.endpoint().isBlank()) {
            throw new IllegalStateException("nexusai.storage.minio.endpoint is not set (MINIO_ENDPOINT in the prod profile)");
        }
        return new StorageConnectionDetails(minio.endpoint(), minio.accessKey(), minio.secretKey());
    }
}
