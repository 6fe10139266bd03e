package com.nexusai.server.events;

import java.sql.Timestamp;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit consumer group: stores every event for {@code GET /api/events}. Offsets are committed
 * after the row is written (manual acknowledgment), and a redelivered event is stored once.
 */
@Component
class AuditEventConsumer {

    static final String GROUP = "nexusai-audit";
    private static final Logger log = LoggerFactory.getLogger(AuditEventConsumer.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditEventConsumer(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @KafkaListener(topics = DomainEvent.TOPIC, groupId = GROUP)
    void onEvent(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        DomainEvent event;
        try {
            event = json.readValue(record.value(), DomainEvent.class);
        } catch (RuntimeException unreadable) {
            log.warn("Skipping an unreadable event at {}-{} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.getMessage());
            acknowledgment.acknowledge();
            return;
        }
        jdbc.sql("""
                insert into events (event_id, type, aggregate_type, aggregate_id, actor, occurred_at, payload)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""")
                .params(event.eventId(), event.type(), event.aggregateType(), event.aggregateId(), event.actor(),
                        Timestamp.from(event.occurredAt()), event.payload())
                .update();
        acknowledgment.acknowledge();
    }
}
