package com.nexusai.server.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nexusai.server.sql.Where;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/events} (ADMIN, DEVOPS): the events the audit consumer stored, newest first. */
@Tag(name = "Events")
@RestController
class EventsController {

    private final JdbcClient jdbc;

    EventsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Operation(summary = "Reads the recorded domain events")
    @GetMapping("/api/events")
    @PreAuthorize("hasAnyRole('ADMIN', 'DEVOPS')")
    List<DomainEvent> events(@RequestParam(required = false) String type, @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
            @RequestParam(defaultValue = "100") int limit) {
        Where where = new Where().and("type = ?", type).and("actor = ?", actor).and("occurred_at >= ?", since)
                .and("occurred_at < ?", until);
        return jdbc.sql("select event_id, type, aggregate_type, aggregate_id, actor, occurred_at, payload from events"
                + where.sql() + " order by occurred_at desc, event_id limit ?").params(where.params(Math.clamp(limit, 1, 1000))).query((rs, row) -> new DomainEvent(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getString(7))).list();
    }
}
