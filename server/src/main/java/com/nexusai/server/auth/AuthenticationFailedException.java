package com.nexusai.server.auth;

import com.nexusai.server.web.ProblemException;
import org.springframework.http.HttpStatus;

/** Sign-in or refresh refused. The message is safe to show: it never says whether the user exists. */
public class AuthenticationFailedException extends ProblemException {

    public AuthenticationFailedException(String message) {
        super(HttpStatus.UNAUTHORIZED, message, null);
    }
}
