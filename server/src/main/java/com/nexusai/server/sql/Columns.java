package com.nexusai.server.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading columns the same way in every row mapper. */
public final class Columns {

    private Columns() {
    }

    /** A {@code timestamp with time zone} column as an instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** An instant as a {@code timestamp with time zone} parameter (pgjdbc binds OffsetDateTime, not Instant), or null. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
