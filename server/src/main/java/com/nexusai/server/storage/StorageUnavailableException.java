package com.nexusai.server.storage;

import com.nexusai.server.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The object store did not take or give the bytes: answered 503, nothing half-written is kept. */
public class StorageUnavailableException extends ProblemException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, message, null, cause);
    }
}
