package com.nexusai.server.web;

/** The request is not valid; the message says why. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
