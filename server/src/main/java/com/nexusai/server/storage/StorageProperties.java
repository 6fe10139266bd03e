package com.nexusai.server.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code nexusai.storage.minio.*}, as in the guide's §2.2 (in embedded mode the endpoint and keys come
 * from the platform), and {@code nexusai.storage.max-upload-size}.
 *
 * @param minio the object store
 * @param maxUploadSize the largest file an upload may carry
 * @param presignedDownloads whether downloads are redirected to the store itself
 */
@ConfigurationProperties("nexusai.storage")
public record StorageProperties(@DefaultValue Minio minio, @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue PresignedDownloads presignedDownloads) {
    /**
     * @param endpoint the store's URL (MINIO_ENDPOINT)
     * @param accessKey its access key (MINIO_ACCESS_KEY)
     * @param secretKey its secret key (MINIO_SECRET_KEY)
     * @param bucketName the bucket of the files
     */

    public record Minio(String endpoint, String accessKey, String secretKey,
            @DefaultValue("nexusai-prod") String bucketName) {
    }

    /**
     * @param enabled whether {@code GET /api/files/{id}/content} answers 307 with a presigned URL of the store instead of
     *                copying the bytes through the server: for clients that can reach the store (off by default)
     * @param publicEndpoint the store's URL as clients reach it, which the URL is signed for (default: the endpoint the
     *                       server uses)
     * @param region the store's region, which the signature names (MinIO's and s3proxy's default: us-east-1)
     * @param expiry how long a presigned URL stays valid
     */
    public record PresignedDownloads(@DefaultValue("false") boolean enabled, String publicEndpoint,
            @DefaultValue("us-east-1") String region, @DefaultValue("5m") Duration expiry) {

        /** S3's own bounds for a presigned URL's life. */
        private static final Duration LONGEST = Duration.ofDays(7);

        public PresignedDownloads {
            if (expiry.toSeconds() < 1 || expiry.compareTo(LONGEST) > 0) {
                throw new IllegalArgumentException("nexusai.storage.presigned-downloads.expiry must be between 1s and 7d, not "
                        + expiry);
            }
        }
    }

    StorageConnectionDetails connectionDetails() {
        if (minio.endpoint() == null || minio.endpoint().isBlank()) {
            throw new IllegalStateException("nexusai.storage.minio.endpoint is not set (MINIO_ENDPOINT in the prod profile)");
        }
        return new StorageConnectionDetails(minio.endpoint(), minio.accessKey(), minio.secretKey());
    }
}
