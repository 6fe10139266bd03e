package com.nexusai.server.auth;

/** The JWT master secret is missing or too short to sign tokens safely. */
public class InvalidJwtSecretException extends RuntimeException {

    public InvalidJwtSecretException(String message) {
        super(message);
    }
}
