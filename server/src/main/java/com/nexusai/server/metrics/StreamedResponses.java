package com.nexusai.server.metrics;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The requests whose answer is a stream of server-sent events (a chat's answer, a log followed, a backup's progress)
 * last as long as the stream: counted in {@code http_server_requests_seconds}, one chat of a minute would lift the
 * p95 the HighLatency rule, the dashboard and the investigations read, and blame the server for a model's pace. They are
 * left out of it; each has its own measure ({@code nexusai_ai_chat_first_token_seconds}, the backup's duration).
 */
@Configuration(proxyBeanMethods = false)
public class StreamedResponses {

    /** The routes that answer with an event stream, as the {@code uri} tag names them. */
    public static final Set<String> ROUTES = Set.of("/api/ai/chat", "/api/diagnostics/logs", "/api/admin/backups/{id}/progress",
            "/api/admin/backups/jobs/{jobId}/progress");

    @Bean
    MeterFilter streamedResponsesAreNotRequestLatency() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getName().equals("http.server.requests") && ROUTES.contains(id.getTag("uri")) ? MeterFilterReply.DENY
                        : MeterFilterReply.NEUTRAL;
            }
        };
    }
}
