package com.nexusai.server.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongFunction;

/**
 * Counts and hashes (SHA-256) the bytes as they pass, and stops the stream past a size limit. The
 * count may be read from another thread while the stream is read (progress).
 */
public final class HashingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final long maxBytes;
    private final LongFunction<RuntimeException> tooLarge;
    private volatile long count;

    /** Without a limit. */
    public HashingInputStream(InputStream in) {
        this(in, Long.MAX_VALUE, max -> new IllegalStateException("more than " + max + " bytes"));
    }

    /** Past {@code maxBytes}, reading throws {@code tooLarge.apply(maxBytes)}. */
    public HashingInputStream(InputStream in, long maxBytes, LongFunction<RuntimeException> tooLarge) {
        super(in);
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            counted(n);
        }
        return n;
    }

    private void counted(int n) {
        long total = count + n;
        count = total;
        if (total > maxBytes) {
            throw tooLarge.apply(maxBytes);
        }
    }

    public long count() {
        return count;
    }

    /** The hash of everything read; call once, at the end. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
