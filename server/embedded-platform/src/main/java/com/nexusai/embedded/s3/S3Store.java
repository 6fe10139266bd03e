package com.nexusai.embedded.s3;

import java.net.URI;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** An S3-compatible store (s3proxy over a directory) that checks AWS V2 or V4 signatures made with one key. */
public final class S3Store implements AutoCloseable {

    private final S3Proxy proxy;

    private S3Store(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static S3Store start(Path root, URI endpoint, String accessKey, String secretKey, int maxThreads)
            throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(root.toString()))
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(maxThreads)
                .build();
        proxy.start();
        return new S3Store(proxy);
    }

    public static String version() {
        return "s3proxy " + S3Proxy.class.getPackage().getImplementationVersion();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
