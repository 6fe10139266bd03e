package com.nexusai.server.platform;

/** An embedded server could not start; the message says which and why. */
public class EmbeddedStartException extends RuntimeException {

    private final String component;

    public EmbeddedStartException(String component, Throwable cause) {
        super("Embedded " + component + " did not start: " + cause.getMessage(), cause);
        this.component = component;
    }

    public String component() {
        return component;
    }
}
