package com.nexusai.server.storage;

import java.time.Instant;
import java.util.UUID;

/** A file's metadata as the API shows it. */
public record StoredFile(UUID id, String owner, String name, String contentType, long size, String sha256, Instant createdAt) {
}
