package com.nexusai.server.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The pool's connections give up on PostgreSQL after a few seconds without an answer (pgjdbc's
 * {@code socketTimeout}), so that a stalled database makes a request fail fast instead of hang. Work
 * that legitimately waits longer on one statement (VACUUM, counting a large table's rows for a backup)
 * lifts that limit for the connection it holds; the pool puts it back when the connection returns.
 */
public final class LongStatements {

    private LongStatements() {
    }

    public static void allow(Connection connection) throws SQLException {
        connection.setNetworkTimeout(Runnable::run, 0);
    }
}
