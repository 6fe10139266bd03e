package com.nexusai.server.storage;

import com.nexusai.server.web.PayloadTooLargeException;
import com.nexusai.server.web.ProblemText;

/** An upload passed {@code nexusai.storage.max-upload-size}: answered 413. */
public class UploadTooLargeException extends PayloadTooLargeException {

    public UploadTooLargeException(long maxBytes) {
        super(ProblemText.of("upload.tooLarge", maxBytes));
    }
}
