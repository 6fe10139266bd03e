package com.nexusai.server.auth;

/** Sign-in or refresh refused. The message is safe to show: it never says whether the user exists. */
public class AuthenticationFailedException extends RuntimeException {

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
