package com.nexusai.server.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.nexusai.server.platform.Secrets;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * The object store over HTTPS only, as the guide's MinIO behind TLS: s3proxy on the local file system with the data
 * tier's server certificate, no plaintext endpoint, requests signed with keys of its own.
 */
public final class SecureS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final String url;
    private final String accessKey = "nexusai-" + Secrets.randomToken(9);
    private final String secretKey = Secrets.newPassword();

    private SecureS3(Path dir, TlsMaterial.DataTier tls) throws Exception {
        url = "https://127.0.0.1:" + SupervisedInstance.freePort();
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(Files.createDirectories(dir).toString()))
                .secureEndpoint(URI.create(url))
                .keyStore(tls.keystore().toString(), tls.keystorePassword())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(32)
                .build();
        proxy.start();
    }

    public static SecureS3 start(Path dir, TlsMaterial.DataTier tls) throws Exception {
        return new SecureS3(dir, tls);
    }

    public String url() {
        return url;
    }

    /** env.sh's object store lines for this store. */
    public Map<String, String> environment() {
        return Map.of("MINIO_ENDPOINT", url, "MINIO_ACCESS_KEY", accessKey, "MINIO_SECRET_KEY", secretKey);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
