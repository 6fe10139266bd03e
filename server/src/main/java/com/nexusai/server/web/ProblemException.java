package com.nexusai.server.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure answered with {@code status} and a problem detail that says what went wrong and, in
 * {@code fix}, what the operator can do about it (for a service NexusAI depends on being down). A feature's own
 * failures extend it with their status, so that {@link ApiExceptionHandler} answers them without knowing the feature.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String fix;

    public ProblemException(HttpStatus status, String detail, String fix) {
        this(status, detail, fix, null);
    }

    public ProblemException(HttpStatus status, String detail, String fix, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.fix = fix;
    }

    /** Headers the answer carries besides the problem (Retry-After...); none by default. */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }

    public HttpStatus status() {
        return status;
    }

    /** What to do about it, or null. */
    public String fix() {
        return fix;
    }
}
