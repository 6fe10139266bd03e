package com.nexusai.server.web;

import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure answered with {@code status} and a problem detail that says what went wrong and, in
 * {@code fix}, what the operator can do about it (for a service NexusAI depends on being down). A feature's own
 * failures extend it with their status, so that {@link ApiExceptionHandler} answers them without knowing the feature.
 * Given as {@link ProblemText}s, the detail and the fix are said in the request's language; given as strings, they
 * are said as they are.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final ProblemText detail;
    private final ProblemText fixText;
    private final String fix;

    public ProblemException(HttpStatus status, String detail, String fix) {
        this(status, detail, fix, null);
    }

    public ProblemException(HttpStatus status, String detail, String fix, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.detail = null;
        this.fixText = null;
        this.fix = fix;
    }

    /** @param fix null when there is nothing the operator can do */
    public ProblemException(HttpStatus status, ProblemText detail, ProblemText fix, Throwable cause) {
        super(detail.english(), cause);
        this.status = status;
        this.detail = detail;
        this.fixText = fix;
        this.fix = fix == null ? null : fix.english();
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

    public String detail(Locale locale) {
        return detail == null ? getMessage() : detail.in(locale);
    }

    public String fix(Locale locale) {
        return fixText == null ? fix : fixText.in(locale);
    }
}
