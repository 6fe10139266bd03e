package com.nexusai.server.web;

import org.springframework.http.HttpStatus;

/** Nothing has that id or name. Given as a {@link ProblemText}, said in the request's language. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String message) {
        super(HttpStatus.NOT_FOUND, message, null);
    }

    public NotFoundException(ProblemText why) {
        super(HttpStatus.NOT_FOUND, why, null, null);
    }
}
