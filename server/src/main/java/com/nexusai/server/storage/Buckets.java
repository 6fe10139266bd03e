package com.nexusai.server.storage;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;

/**
 * Makes sure a bucket exists. Two callers may find it missing at the same moment (a PostgreSQL and a
 * Redis backup started together, two instances starting): the one whose create loses the race is told
 * the bucket is already its own, which is the outcome it wanted.
 */
public final class Buckets {

    private static final String ALREADY_OWNED = "BucketAlreadyOwnedByYou";

    private Buckets() {
    }

    /** Whether this call created the bucket (false: it was there, or another caller made it meanwhile). */
    public static boolean ensure(MinioClient minio, String bucket) throws Exception {
        if (minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            return false;
        }
        try {
            minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            return true;
        } catch (ErrorResponseException e) {
            if (ALREADY_OWNED.equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }
}
