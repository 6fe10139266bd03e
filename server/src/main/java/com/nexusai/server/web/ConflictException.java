package com.nexusai.server.web;

/** The request conflicts with the current state, e.g. a name already taken. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
