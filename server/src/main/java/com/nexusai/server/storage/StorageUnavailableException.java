package com.nexusai.server.storage;

/** The object store did not take or give the bytes: answered 503, nothing half-written is kept. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
