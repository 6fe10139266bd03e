package com.nexusai.server.backup;

/** A backup or restore could not be done; the message says why and, where it can, what to do. */
class BackupFailedException extends RuntimeException {

    BackupFailedException(String message) {
        super(message);
    }

    BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
