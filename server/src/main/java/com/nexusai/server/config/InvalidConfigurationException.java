package com.nexusai.server.config;

/** An environment variable is set to a value the server cannot use; the message names it and what it accepts. */
public class InvalidConfigurationException extends RuntimeException {

    private final String variable;

    public InvalidConfigurationException(String variable, String value, String accepted) {
        super(variable + "=\"" + value + "\" is not valid: it must be " + accepted);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
