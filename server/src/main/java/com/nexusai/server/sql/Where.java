package com.nexusai.server.sql;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a listing with optional filters: each condition is added only when its value
 * is given, always as a bind parameter (never concatenated).
 */
public final class Where {

    private final StringBuilder sql = new StringBuilder(" where true");
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code and <condition>} with one {@code ?} bound to {@code value}, when the value is not null. */
    public Where and(String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value instanceof Instant instant ? Timestamp.from(instant) : value);
        }
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    /** The bind parameters, followed by {@code more} (e.g. a limit and offset). */
    public List<Object> params(Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all;
    }
}
