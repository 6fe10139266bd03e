package com.nexusai.server.ai;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code nexusai_ai_chat_first_token_seconds} (from the request to the first token, the delay a
 * user feels) and {@code nexusai_ai_chat_generations_total{outcome}} (complete, cancelled, failed,
 * timed_out, refused).
 */
@Component
class ChatMetrics {

    private final MeterRegistry registry;
    private final Timer firstToken;

    ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.firstToken = Timer.builder("nexusai.ai.chat.first.token").description("Time from a chat request to its first token")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
    }

    void firstToken(long nanos) {
        firstToken.record(Duration.ofNanos(nanos));
    }

    void ended(String outcome) {
        Counter.builder("nexusai.ai.chat.generations").description("Chat generations by how they ended").tag("outcome", outcome)
                .register(registry).increment();
    }
}
