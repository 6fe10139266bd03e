package com.nexusai.server.storage;

import io.minio.MinioClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the bucket when it is missing. A store that is down does not stop the server: the
 * storage health component shows why, and everything else keeps working.
 */
@Component
class BucketInitializer {

    private static final Logger log = LoggerFactory.getLogger(BucketInitializer.class);

    private final MinioClient minio;
    private final StorageProperties properties;

    BucketInitializer(MinioClient minio, StorageProperties properties) {
        this.minio = minio;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureBucket() {
        String bucket = properties.minio().bucketName();
        try {
            if (Buckets.ensure(minio, bucket)) {
                log.info("Created the object store bucket {}", bucket);
            }
        } catch (Exception e) {
            log.warn("The object store bucket {} could not be checked or created: {}", bucket, e.getMessage());
        }
    }
}
