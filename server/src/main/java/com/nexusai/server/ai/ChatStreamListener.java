package com.nexusai.server.ai;

/**
 * What one streamed generation reports, in order: {@link #onStarted} once Ollama accepted the
 * request, {@link #onToken} per piece of the answer, then exactly one of {@link #onDone} or
 * {@link #onFailure} (none after the stream was cancelled by its owner). Calls come from the HTTP
 * client's threads, and a timeout from the timer's: implementations guard their own state.
 */
interface ChatStreamListener {

    void onStarted();

    void onToken(String content);

    /** The answer ended; {@code toolCalls} holds the tools the model asked for in it (empty when it simply answered). */
    void onDone(GenerationStats stats, java.util.List<ToolCall> toolCalls);

    void onFailure(ChatFailure failure);
}
