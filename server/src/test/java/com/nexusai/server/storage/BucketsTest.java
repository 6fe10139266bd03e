package com.nexusai.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.Ports;
import com.nexusai.server.platform.s3.EmbeddedS3Server;
import com.nexusai.server.platform.s3.S3Endpoint;
import io.minio.MinioClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating a bucket that a concurrent caller has just created succeeds (a real S3 server: s3proxy). */
class BucketsTest {

    @TempDir
    Path dir;

    @Test
    void manyCallersEnsuringOneBucketAtOnceAllSucceedAndOneCreatesIt() throws Exception {
        int port = Ports.reserve("127.0.0.1", List.of(new Ports.Request("S3 store", 0, "test"))).getFirst();
        try (DataDirectory data = DataDirectory.open(dir); EmbeddedS3Server server = new EmbeddedS3Server(data, port)) {
            S3Endpoint s3 = server.start();
            try (MinioClient minio = MinioClient.builder().endpoint(s3.url()).credentials(s3.accessKey(), s3.secretKey()).build();
                    ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int round = 0; round < 5; round++) {
                    String bucket = "race-" + round;
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<Boolean>> calls = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        calls.add(pool.submit(() -> {
                            start.await();
                            return Buckets.ensure(minio, bucket);
                        }));
                    }
                    start.countDown();
                    int created = 0;
                    for (Future<Boolean> call : calls) {
                        created += call.get() ? 1 : 0; // a failed call throws here
                    }
                    assertThat(created).as(bucket + " created by exactly one caller").isEqualTo(1);
                }
            }
        }
    }
}
