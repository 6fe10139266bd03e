package com.nexusai.server.ai;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.ai.chat.*}.
 *
 * @param statusWait how long a chat request waits for Ollama to accept or refuse it before the
 *        stream is opened anyway (errors within it get their own HTTP status; later ones arrive as
 *        an {@code error} event)
 * @param keepAlive the longest quiet time on an open stream: a comment is sent then, which keeps
 *        proxies from closing it and tells the server at once when the client has gone
 * @param historyLimit how many earlier messages of the conversation go to the model
 * @param maxMessageLength the longest message a user may send, in characters
 * @param toolRounds how many times, in one answer with tools, the model may call tools and read their results before it
 *        must answer
 * @param toolResultLimit the most characters of one tool's result the model reads; a longer one is cut, with a note
 *        saying how much was left out
 */
@ConfigurationProperties("nexusai.ai.chat")
public record ChatProperties(
        @DefaultValue("1s") Duration statusWait,
        @DefaultValue("1s") Duration keepAlive,
        @DefaultValue("100") int historyLimit,
        @DefaultValue("32000") int maxMessageLength,
        @DefaultValue("5") int toolRounds,
        @DefaultValue("4000") int toolResultLimit) {
}
