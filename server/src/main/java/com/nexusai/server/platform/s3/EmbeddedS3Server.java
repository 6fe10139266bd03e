package com.nexusai.server.platform.s3;

import java.net.URI;

import com.nexusai.embedded.s3.S3Store;
import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.EmbeddedServer;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.Secrets;

/**
 * An S3-compatible store ({@link S3Store} over the data directory) that the server reaches through the
 * MinIO client exactly as it reaches MinIO in production. Requests are signed with a generated key.
 */
public final class EmbeddedS3Server implements EmbeddedServer<S3Endpoint> {

    private final DataDirectory dataDirectory;
    private final int port;
    private volatile S3Store store;

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
        store = S3Store.start(dataDirectory.directory("s3"), URI.create(url), accessKey, secretKey, 32);
        return new S3Endpoint(url, accessKey, secretKey, S3Store.version());
    }

    @Override
    public void close() {
        S3Store running = store;
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                throw new IllegalStateException("The S3 store did not stop cleanly: " + e.getMessage(), e);
            }
            store = null;
        }
    }
}
