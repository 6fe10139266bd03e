package com.nexusai.server.storage;

/**
 * The one byte range of a {@code Range: bytes=...} header that NexusAI serves. No header, another
 * unit or several ranges mean the whole file (a server may ignore Range); a range past the end is
 * unsatisfiable (416).
 */
record ByteRange(long offset, long length, boolean partial, boolean unsatisfiable) {

    static ByteRange parse(String header, long size) {
        ByteRange whole = new ByteRange(0, size, false, false);
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return whole;
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole;
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            long start;
            long end;
            if (first.isEmpty()) { // the last N bytes
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    return new ByteRange(0, 0, false, true);
                }
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(first);
                end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            }
            if (start >= size || start > end || start < 0) {
                return new ByteRange(0, 0, false, true);
            }
            return new ByteRange(start, end - start + 1, true, false);
        } catch (NumberFormatException e) {
            return whole;
        }
    }
}
