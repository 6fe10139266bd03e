package com.nexusai.server.ai;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.ai.ollama.*} (guide §2.2): the Ollama server, the model, and the timeout of a generation.
 *
 * @param baseUrl the Ollama server (OLLAMA_URL)
 * @param model the model the chat asks
 * @param timeout the longest a generation may take
 * @param maxContext the most tokens of context a chat asks for ({@code num_ctx}); the model's own length when smaller.
 *        Each token of context costs the model's memory on the Ollama host.
 */
@ConfigurationProperties("nexusai.ai.ollama")
public record OllamaProperties(
        @DefaultValue("http://127.0.0.1:11434") URI baseUrl,
        @DefaultValue("llama3") String model,
        @DefaultValue("120000ms") Duration timeout,
        @DefaultValue("16384") int maxContext) {
}
