package com.nexusai.server.web;

/**
 * What text NexusAI accepts from a client, in a body field, a query parameter or a path: no NUL and no
 * other control character but tab and line breaks (PostgreSQL refuses NUL, and control characters in a
 * name or a log line only serve to forge what an operator reads).
 */
public final class TextInput {

    private TextInput() {
    }

    /** Why {@code text} is refused, or null when it is fine. */
    public static ProblemText problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return ProblemText.of("text.control", String.format("%04X", (int) c), i);
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(++i)))) {
                return ProblemText.of("text.surrogate", i);
            }
        }
        return null;
    }
}
