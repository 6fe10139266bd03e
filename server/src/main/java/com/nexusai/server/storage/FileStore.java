package com.nexusai.server.storage;

import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.events.DomainEvents;
import com.nexusai.server.io.HashingInputStream;
import com.nexusai.server.sql.Where;
import com.nexusai.server.web.NotFoundException;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files in the object store with their metadata in PostgreSQL. Bytes stream through (counted and
 * hashed on the way); the metadata row is written only once the store holds the object, and the
 * object is removed again if that fails, so a store that is down never leaves a half-written file.
 * Users see their own files; ADMIN sees all. Someone else's file answers "not found".
 */
@Service
public class FileStore {

    private static final Logger log = LoggerFactory.getLogger(FileStore.class);
    /** Parts of an upload of unknown length: what the MinIO client holds in memory at once. */
    private static final long PART_SIZE = 10L * 1024 * 1024;
    private static final String COLUMNS = "id, owner, original_name, content_type, size_bytes, sha256, created_at";

    public record Page(List<StoredFile> items, int page, int size, long total) {
    }

    /** An open download: the bytes from {@code offset}, {@code length} of them. Close {@code body}. */
    public record Download(StoredFile file, InputStream body, long offset, long length) {
    }

    private final MinioClient minio;
    private final StorageProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DomainEvents events;

    FileStore(MinioClient minio, StorageProperties properties, JdbcClient jdbc, TransactionTemplate transaction,
            DomainEvents events) {
        this.minio = minio;
        this.properties = properties;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
    }

    public StoredFile upload(String owner, String originalName, String contentType, InputStream body, long declaredLength) {
        long max = properties.maxUploadSize().toBytes();
        if (declaredLength > max) {
            throw new UploadTooLargeException(max);
        }
        UUID id = UUID.randomUUID();
        String key = objectName(id);
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        HashingInputStream hashing = new HashingInputStream(body, max, UploadTooLargeException::new);
        try {
            minio.putObject(PutObjectArgs.builder().bucket(bucket()).object(key).contentType(type)
                    .stream(hashing, declaredLength >= 0 ? declaredLength : -1, declaredLength >= 0 ? -1 : PART_SIZE).build());
        } catch (Exception e) {
            removeQuietly(key);
            UploadTooLargeException tooLarge = causeOf(e, UploadTooLargeException.class);
            if (tooLarge != null) {
                throw tooLarge;
            }
            throw unavailable("could not store the file", e);
        }
        String name = displayName(originalName);
        String sha256 = hashing.sha256();
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("insert into stored_files (id, owner, original_name, content_type, size_bytes, sha256, object_key) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(id, owner, name, type, hashing.count(), sha256, key).update();
                events.record("file.uploaded", "file", id.toString(), owner,
                        Map.of("name", name, "contentType", type, "size", hashing.count(), "sha256", sha256));
            });
        } catch (RuntimeException e) {
            removeQuietly(key);
            throw e;
        }
        return get(id, owner, false);
    }

    public StoredFile get(UUID id, String user, boolean admin) {
        return jdbc.sql("select " + COLUMNS + " from stored_files where id = ?" + (admin ? "" : " and owner = ?"))
                .params(admin ? List.of(id) : List.of(id, user)).query(FileStore::row).optional()
                .orElseThrow(() -> new NotFoundException(ProblemText.of("file.none", id)));
    }

    /** Opens the content of a file found with {@link #get}, or the part {@code [offset, offset + length)} of it. */
    public Download open(StoredFile file, long offset, long length) {
        try {
            GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket()).object(objectName(file.id()));
            if (offset > 0 || length < file.size()) {
                args.offset(offset).length(length);
            }
            return new Download(file, minio.getObject(args.build()), offset, length);
        } catch (Exception e) {
            throw unavailable("could not read the file", e);
        }
    }

    public Page list(String user, boolean admin, String owner, String nameContains, String contentType, int page, int size) {
        Where where = new Where().and("owner = ?", admin ? owner : user)
                .and("position(lower(?) in lower(original_name)) > 0", nameContains).and("content_type = ?", contentType);
        long total = jdbc.sql("select count(*) from stored_files" + where.sql()).params(where.params()).query(Long.class).single();
        List<StoredFile> items = jdbc.sql("select " + COLUMNS + " from stored_files" + where.sql()
                + " order by created_at desc, id limit ? offset ?").params(where.params(size, (long) page * size))
                .query(FileStore::row).list();
        return new Page(items, page, size, total);
    }

    public void delete(UUID id, String user, boolean admin) {
        StoredFile file = get(id, user, admin);
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket()).object(objectName(file.id())).build());
        } catch (Exception e) {
            throw unavailable("could not delete the file", e);
        }
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from stored_files where id = ?").param(id).update();
            events.record("file.deleted", "file", id.toString(), user, Map.of("name", file.name(), "owner", file.owner()));
        });
    }

    /** Where a file's bytes are in the bucket. */
    static String objectName(UUID id) {
        return "files/" + id;
    }

    private String bucket() {
        return properties.minio().bucketName();
    }

    private StorageUnavailableException unavailable(String what, Exception e) {
        String reason = e instanceof ErrorResponseException response ? response.errorResponse().code() + ": "
                + response.errorResponse().message() : describe(e);
        log.warn("The object store {} ({}): {}", what, bucket(), reason);
        return new StorageUnavailableException("The object store is unavailable: it " + what + " (" + reason
                + "). Nothing was changed; try again once the store is back (see /actuator/health, component storage).", e);
    }

    private void removeQuietly(String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket()).object(key).build());
        } catch (Exception ignored) {
            // nothing was stored, or the store is down: there is nothing more to clean here
        }
    }

    private static String describe(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** What the user called the file, for display only: no directories, at most 255 characters. */
    static String displayName(String originalName) {
        String name = originalName == null ? "" : originalName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "unnamed";
        }
        return name.length() <= 255 ? name : name.substring(0, 255);
    }

    private static StoredFile row(ResultSet rs, int row) throws SQLException {
        return new StoredFile(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getTimestamp(7).toInstant());
    }
}
