package com.nexusai.server.investigation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL's client sessions on the server's database ({@code pg_stat_activity}), read on a connection of its own,
 * outside the pool: an exhausted pool is exactly what must still be examined. The connection gives up after 2 s.
 */
@Component
class PostgresSessions {

    static final String APPLICATION_NAME = "nexusai-investigation";

    /** One session: what it is doing, for how long, and which sessions block it. */
    record Session(int pid, String applicationName, String state, String waitEventType, String waitEvent, double transactionSeconds,
            double querySeconds, List<Integer> blockedBy, String query) {

        Session {
            blockedBy = List.copyOf(blockedBy);
        }

        boolean idleInTransaction() {
            return state.startsWith("idle in transaction");
        }

        boolean waitingForLock() {
            return !blockedBy.isEmpty();
        }

        /** "pid 4242, idle in transaction for 12.0 s: update users set ..." */
        String describe() {
            return String.format(java.util.Locale.ROOT, "pid %d, %s, transaction open %.1f s, statement %.1f s: %s", pid, state,
                    transactionSeconds, querySeconds, query);
        }
    }

    private static final String SESSIONS = """
            select pid, coalesce(application_name, ''), coalesce(state, ''), coalesce(wait_event_type, ''), coalesce(wait_event, ''),
                   coalesce(extract(epoch from clock_timestamp() - xact_start), 0),
                   coalesce(extract(epoch from clock_timestamp() - query_start), 0),
                   pg_blocking_pids(pid), left(regexp_replace(query, '\\s+', ' ', 'g'), 200)
            from pg_stat_activity
            where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
            order by xact_start nulls last""";

    private final DataSource dataSource;

    PostgresSessions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<Session> read() throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(SESSIONS)) {
            statement.setQueryTimeout(2);
            List<Session> sessions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Array blocking = rows.getArray(8);
                    Integer[] blockedBy = blocking == null ? new Integer[0] : (Integer[]) blocking.getArray();
                    sessions.add(new Session(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getDouble(6), rows.getDouble(7), Arrays.asList(blockedBy), rows.getString(9)));
                }
            }
            return sessions;
        }
    }

    private Connection connect() throws SQLException {
        HikariDataSource pool = dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        if (pool == null || pool.getJdbcUrl() == null) {
            throw new SQLException("the server's data source is not a Hikari pool with a JDBC URL");
        }
        Properties settings = new Properties();
        settings.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            settings.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            settings.setProperty("password", pool.getPassword());
        }
        settings.setProperty("connectTimeout", "2");
        settings.setProperty("socketTimeout", "3");
        settings.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(pool.getJdbcUrl(), settings);
    }
}
