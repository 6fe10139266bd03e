package com.nexusai.server.storage;

import java.time.Duration;

import com.nexusai.server.config.DataTierProperties;
import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.s3.S3Endpoint;
import io.minio.MinioClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(2);

    /** The embedded store in embedded mode, else {@code nexusai.storage.minio.*}. */
    @Bean
    StorageConnectionDetails storageConnectionDetails(ObjectProvider<EmbeddedPlatform> embedded,
            StorageProperties properties) {
        EmbeddedPlatform platform = embedded.getIfAvailable();
        if (platform == null) {
            return properties.connectionDetails();
        }
        S3Endpoint s3 = platform.s3();
        return new StorageConnectionDetails(s3.url(), s3.accessKey(), s3.secretKey());
    }

    @Bean(destroyMethod = "close")
    MinioClient minioClient(StorageConnectionDetails details, DataTierProperties dataTier) {
        return MinioClients.create(details.endpoint(), details.accessKey(), details.secretKey(), dataTier.caFile(), CONNECT_TIMEOUT,
                TRANSFER_TIMEOUT);
    }
}
