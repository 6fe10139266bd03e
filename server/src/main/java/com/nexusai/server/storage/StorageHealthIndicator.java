package com.nexusai.server.storage;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** The "storage" health component: the object store answers and the bucket exists. */
@Component("storageHealthIndicator")
class StorageHealthIndicator extends AbstractHealthIndicator {

    private final MinioClient minio;
    private final StorageConnectionDetails connection;
    private final StorageProperties properties;

    StorageHealthIndicator(MinioClient minio, StorageConnectionDetails connection, StorageProperties properties) {
        super("Object store health check failed");
        this.minio = minio;
        this.connection = connection;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String bucket = properties.minio().bucketName();
        builder.withDetail("endpoint", connection.endpoint()).withDetail("bucket", bucket);
        if (minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            builder.up();
        } else {
            builder.down().withDetail("error", "bucket " + bucket + " does not exist");
        }
    }
}
