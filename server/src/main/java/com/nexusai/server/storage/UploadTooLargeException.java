package com.nexusai.server.storage;

import com.nexusai.server.web.PayloadTooLargeException;

/** An upload passed {@code nexusai.storage.max-upload-size}: answered 413. */
public class UploadTooLargeException extends PayloadTooLargeException {

    public UploadTooLargeException(long maxBytes) {
        super("The file is larger than this server accepts: at most " + maxBytes + " bytes (nexusai.storage.max-upload-size)");
    }
}
