package com.nexusai.server.audit;

import java.time.Instant;
import java.util.List;

import com.nexusai.server.sql.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The security audit trail in PostgreSQL. Never records a secret: callers pass names and facts only. */
@Component
public class SecurityAuditLog {

    private static final int MAX_DETAILS = 1000;

    private final JdbcClient jdbc;

    SecurityAuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(SecurityEventType type, String username, String actor, String remoteAddress, String details) {
        jdbc.sql("insert into security_events (type, username, actor, remote_address, details) values (?, ?, ?, ?, ?)")
                .params(type.name(), truncate(username, 64), truncate(actor, 64), truncate(remoteAddress, 64),
                        truncate(details, MAX_DETAILS))
                .update();
    }

    /** Newest first; every filter is optional. */
    public List<SecurityEvent> find(SecurityEventType type, String username, Instant since, int limit) {
        Where where = new Where().and("type = ?", type == null ? null : type.name()).and("username = ?", username)
                .and("occurred_at >= ?", since);
        return jdbc.sql("select id, occurred_at, type, username, actor, remote_address, details from security_events"
                        + where.sql() + " order by occurred_at desc, id desc limit ?")
                .params(where.params(limit))
                .query((rs, row) -> new SecurityEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        SecurityEventType.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
