package com.nexusai.server.platform;

/** Where a started embedded server is reached, for the start-up report. */
public interface Endpoint {

    /** The address a client uses, e.g. {@code redis://127.0.0.1:16379}. */
    String address();

    /** The server's own version. */
    String version();
}
