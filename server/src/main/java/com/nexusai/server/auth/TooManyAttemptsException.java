package com.nexusai.server.auth;

import java.time.Duration;

import com.nexusai.server.web.ProblemException;
import com.nexusai.server.web.ProblemText;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Too many failed password checks (sign-in, password change): answered 429 with Retry-After. */
public class TooManyAttemptsException extends ProblemException {

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemText.of("auth.tooManyAttempts", retryAfter.toSeconds()), null, null);
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
