package com.nexusai.server.web;

import org.springframework.http.HttpStatus;

/** The request is not valid; the message says why (naming the field). Given as a {@link ProblemText}, said in the request's language. */
public class BadRequestException extends ProblemException {

    public BadRequestException(String message) {
        super(HttpStatus.BAD_REQUEST, message, null);
    }

    public BadRequestException(ProblemText why) {
        super(HttpStatus.BAD_REQUEST, why, null, null);
    }
}
