package com.nexusai.server.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Component;

/**
 * Short-lived presigned URLs of the store for downloads ({@code nexusai.storage.presigned-downloads.*}): the client
 * fetches the bytes from the store itself, at the store's speed, instead of through the server. Signing is local (the
 * region is given), so no request reaches the store here. The URL makes the store answer with the file's name and
 * type, as the server would.
 */
@Component
class DownloadLinks {

    private final StorageProperties.PresignedDownloads settings;
    private final String bucket;
    private final MinioClient signer;

    DownloadLinks(StorageProperties properties, StorageConnectionDetails store) {
        this.settings = properties.presignedDownloads();
        this.bucket = properties.minio().bucketName();
        String endpoint = settings.publicEndpoint() == null || settings.publicEndpoint().isBlank()
                ? store.endpoint() : settings.publicEndpoint();
        this.signer = settings.enabled()
                ? MinioClient.builder().endpoint(endpoint).credentials(store.accessKey(), store.secretKey())
                        .region(settings.region()).build()
                : null;
    }

    boolean enabled() {
        return signer != null;
    }

    /** A URL valid for {@code expiry} that downloads {@code file} from the store (a {@code Range} header works on it). */
    URI link(StoredFile file) {
        String disposition = ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString();
        try {
            return URI.create(signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(bucket)
                    .object(FileStore.objectName(file.id()))
                    .expiry((int) settings.expiry().toSeconds())
                    .extraQueryParams(Map.of("response-content-disposition", disposition,
                            "response-content-type", file.contentType()))
                    .build()));
        } catch (Exception e) {
            throw new StorageUnavailableException("could not sign a download link: " + e.getMessage(), e);
        }
    }
}
