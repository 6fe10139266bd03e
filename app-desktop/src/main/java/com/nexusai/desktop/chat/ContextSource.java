package com.nexusai.desktop.chat;

/** Something on screen that can be attached to a question (the current alert, an instance's metrics...). */
public interface ContextSource {

    /** The menu entry. */
    String name();

    /** Reads the context now; may call the server, so it runs off the FX thread. */
    Attachment fetch() throws Exception;
}
