package com.nexusai.server.auth;

import java.time.Duration;

import com.nexusai.server.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Too many failed password checks (sign-in, password change): answered 429 with Retry-After. */
public class TooManyAttemptsException extends ProblemException {

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts; try again in " + retryAfter.toSeconds() + " s", null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        return headers;
    }
}
