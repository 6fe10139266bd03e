package com.nexusai.server.web;

import org.springframework.http.HttpStatus;

/**
 * A failure answered with {@code status} and a problem detail that says what went wrong and, in
 * {@code fix}, what the operator can do about it (for a service NexusAI depends on being down).
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String fix;

    public ProblemException(HttpStatus status, String detail, String fix) {
        super(detail);
        this.status = status;
        this.fix = fix;
    }

    public HttpStatus status() {
        return status;
    }

    /** What to do about it, or null. */
    public String fix() {
        return fix;
    }
}
