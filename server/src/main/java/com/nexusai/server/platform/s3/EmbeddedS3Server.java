package com.nexusai.server.platform.s3;

import java.net.URI;

import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.EmbeddedServer;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.Secrets;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible store (s3proxy over the local file system) that the server reaches through the
 * MinIO client exactly as it reaches MinIO in production. Requests are signed with a generated key.
 */
public final class EmbeddedS3Server implements EmbeddedServer<S3Endpoint> {

    private final DataDirectory dataDirectory;
    private final int port;
    private volatile S3Proxy proxy;

    public EmbeddedS3Server(DataDirectory dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    @Override
    public String displayName() {
        return "S3 store";
    }

    @Override
    public S3Endpoint start() throws Exception {
        String accessKey = dataDirectory.secret("s3-access-key", () -> "nexusai-" + Secrets.randomToken(9));
        String secretKey = dataDirectory.secret("s3-secret-key", Secrets::newPassword);
        String url = "http://" + EmbeddedSettings.HOST + ":" + port;
        S3Proxy started = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dataDirectory.directory("s3").toString()))
                .endpoint(URI.create(url))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(32)
                .build();
        started.start();
        proxy = started;
        return new S3Endpoint(url, accessKey, secretKey, "s3proxy " + S3Proxy.class.getPackage().getImplementationVersion());
    }

    @Override
    public void close() {
        S3Proxy running = proxy;
        if (running != null) {
            try {
                running.stop();
            } catch (Exception e) {
                throw new IllegalStateException("The S3 store did not stop cleanly: " + e.getMessage(), e);
            }
            proxy = null;
        }
    }
}
