package com.nexusai.server.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/events} (ADMIN, DEVOPS): the events the audit consumer stored, newest first. */
@RestController
class EventsController {

    private final JdbcClient jdbc;

    EventsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/events")
    @PreAuthorize("hasAnyRole('ADMIN', 'DEVOPS')")
    List<DomainEvent> events(@RequestParam(required = false) String type, @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
            @RequestParam(defaultValue = "100") int limit) {
        StringBuilder sql = new StringBuilder(
                "select event_id, type, aggregate_type, aggregate_id, actor, occurred_at, payload from events where true");
        List<Object> params = new ArrayList<>();
        if (type != null) {
            sql.append(" and type = ?");
            params.add(type);
        }
        if (actor != null) {
            sql.append(" and actor = ?");
            params.add(actor);
        }
        if (since != null) {
            sql.append(" and occurred_at >= ?");
            params.add(Timestamp.from(since));
        }
        if (until != null) {
            sql.append(" and occurred_at < ?");
            params.add(Timestamp.from(until));
        }
        sql.append(" order by occurred_at desc, event_id limit ?");
        params.add(Math.clamp(limit, 1, 1000));
        return jdbc.sql(sql.toString()).params(params).query((rs, row) -> new DomainEvent(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getString(7))).list();
    }
}
