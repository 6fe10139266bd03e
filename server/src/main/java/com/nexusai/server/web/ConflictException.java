package com.nexusai.server.web;

import org.springframework.http.HttpStatus;

/** The request conflicts with the current state, e.g. a name already taken. Given as a {@link ProblemText}, said in the request's language. */
public class ConflictException extends ProblemException {

    public ConflictException(String message) {
        super(HttpStatus.CONFLICT, message, null);
    }

    public ConflictException(ProblemText why) {
        super(HttpStatus.CONFLICT, why, null, null);
    }
}
