package com.nexusai.server.web;

/**
 * A request body larger than its limit, found before it was read: answered 413 and the connection closed, so that the
 * client stops sending what nobody will read.
 */
public class PayloadTooLargeException extends RuntimeException {

    private final transient ProblemText text;

    public PayloadTooLargeException(ProblemText text) {
        super(text.english());
        this.text = text;
    }

    /** What the answer says, in the request's language. */
    public ProblemText text() {
        return text;
    }
}
