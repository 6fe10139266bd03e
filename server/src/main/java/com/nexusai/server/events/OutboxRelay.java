package com.nexusai.server.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes outbox events to Kafka (topic {@value DomainEvent#TOPIC}, keyed by aggregate, so each
 * aggregate's events keep their order), with the producer the guide configures (acks=all,
 * idempotent, retries). A row is marked published only once Kafka acknowledged it; when Kafka is
 * down the rows wait and the relay catches up. One relay at a time across instances (a PostgreSQL
 * advisory lock), which is what keeps the order.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK = 0x4E455855_4F555442L; // "NEXUOUTB"
    private static final int BATCH = 500;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private volatile boolean failing;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.json = json;
    }

    @Scheduled(fixedDelayString = "${nexusai.events.relay-interval:PT0.5S}")
    void relay() {
        Integer sent;
        do {
            sent = transaction.execute(status -> relayBatch());
        } while (sent != null && sent == BATCH);
    }

    /** Returns how many events were published, or null when another instance holds the relay. */
    private Integer relayBatch() {
        Boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(mine)) {
            return null;
        }
        List<DomainEvent> pending = jdbc.sql("""
                select event_id, type, aggregate_type, aggregate_id, actor, occurred_at, payload
                from outbox_events where published_at is null order by id limit ?""")
                .param(BATCH)
                .query((rs, row) -> new DomainEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7)))
                .list();
        if (pending.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
        for (DomainEvent event : pending) {
            sends.add(kafka.send(DomainEvent.TOPIC, event.aggregateId(), json.writeValueAsString(event)));
        }
        List<UUID> published = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                published.add(pending.get(i).eventId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (!failing) {
                    log.warn("Kafka did not take the outbox events ({}); they wait in the outbox", e.getMessage());
                    failing = true;
                }
                break; // the rest stays pending, in order
            }
        }
        if (!published.isEmpty()) {
            jdbc.sql("update outbox_events set published_at = now() where event_id = any(?)")
                    .param(published.toArray(UUID[]::new)).update();
            if (failing && published.size() == pending.size()) {
                log.info("Kafka takes outbox events again");
                failing = false;
            }
        }
        return published.size();
    }
}
