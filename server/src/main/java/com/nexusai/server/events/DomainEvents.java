package com.nexusai.server.events;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records domain events in the outbox, inside the caller's transaction (required): the event exists
 * if and only if the change it describes was committed. {@link OutboxRelay} takes them to Kafka.
 */
@Component
public class DomainEvents {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DomainEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String type, String aggregateType, String aggregateId, String actor, Map<String, ?> payload) {
        jdbc.sql("insert into outbox_events (event_id, type, aggregate_type, aggregate_id, actor, payload) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), type, aggregateType, aggregateId, actor, json.writeValueAsString(payload)).update();
    }
}
