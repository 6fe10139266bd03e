package com.nexusai.server.ai;

/**
 * Ollama's counts from the last line of a generation. {@code evalCount} tokens were generated in
 * {@code evalDurationNanos}; any of them may be null when Ollama did not send it.
 */
record GenerationStats(String doneReason, Integer evalCount, Long evalDurationNanos, Integer promptEvalCount,
        Long totalDurationNanos) {

    /** Generated tokens per second, or null without both counts. */
    Double tokensPerSecond() {
        if (evalCount == null || evalDurationNanos == null || evalDurationNanos <= 0) {
            return null;
        }
        return evalCount * 1_000_000_000.0 / evalDurationNanos;
    }
}
