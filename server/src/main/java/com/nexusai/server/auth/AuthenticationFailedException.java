package com.nexusai.server.auth;

import com.nexusai.server.web.ProblemException;
import com.nexusai.server.web.ProblemText;
import org.springframework.http.HttpStatus;

/** Sign-in or refresh refused. The message is safe to show: it never says whether the user exists. */
public class AuthenticationFailedException extends ProblemException {

    public AuthenticationFailedException(ProblemText why) {
        super(HttpStatus.UNAUTHORIZED, why, null, null);
    }
}
