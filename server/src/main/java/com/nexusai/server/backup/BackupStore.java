package com.nexusai.server.backup;

import java.io.InputStream;

import com.nexusai.server.storage.Buckets;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import org.springframework.stereotype.Component;

/** The backups bucket of the object store the server already uses (not a second tool, as the guide's {@code aws s3 cp}). */
@Component
class BackupStore {

    /** What the MinIO client holds in memory at once for a stream of unknown length. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient minio;
    private final BackupProperties properties;
    private volatile boolean bucketChecked;

    BackupStore(MinioClient minio, BackupProperties properties) {
        this.minio = minio;
        this.properties = properties;
    }

    /** Streams {@code body} (of unknown length) to {@code key}. */
    void put(String key, InputStream body) {
        try {
            ensureBucket();
            minio.putObject(PutObjectArgs.builder().bucket(properties.bucket()).object(key).contentType("application/octet-stream")
                    .stream(body, -1, PART_SIZE).build());
        } catch (BackupFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new BackupFailedException("the object store could not store " + key + " in " + properties.bucket() + ": " + e.getMessage(), e);
        }
    }

    InputStream open(String key) {
        try {
            return minio.getObject(GetObjectArgs.builder().bucket(properties.bucket()).object(key).build());
        } catch (Exception e) {
            throw new BackupFailedException("the object store could not read " + key + " from " + properties.bucket() + ": " + e.getMessage(), e);
        }
    }

    void remove(String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(properties.bucket()).object(key).build());
        } catch (Exception e) {
            throw new BackupFailedException("the object store could not delete " + key + ": " + e.getMessage(), e);
        }
    }

    private void ensureBucket() throws Exception {
        if (!bucketChecked) {
            Buckets.ensure(minio, properties.bucket());
            bucketChecked = true;
        }
    }
}
