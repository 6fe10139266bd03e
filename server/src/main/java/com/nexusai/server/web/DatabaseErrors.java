package com.nexusai.server.web;

import java.sql.SQLException;
import java.sql.SQLTransientException;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Reads PostgreSQL's SQLSTATE out of a data-access failure and says what it means to a client. */
final class DatabaseErrors {

    static final String UNIQUE_VIOLATION = "23505";
    static final String DATA_EXCEPTION_CLASS = "22";
    private static final String STRING_TOO_LONG = "22001";
    private static final String QUERY_CANCELED = "57014";

    private DatabaseErrors() {
    }

    static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static ProblemText describe(String state) {
        return ProblemText.of(STRING_TOO_LONG.equals(state) ? "database.tooLong" : "database.invalid");
    }

    /** Whether the failure came from the Redis driver (Lettuce), whatever Spring translated it to. */
    static boolean fromRedis(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().startsWith("io.lettuce.")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the database was down, stalled or too slow, rather than the request wrong. */
    static boolean isUnavailable(Throwable failure) {
        if (failure instanceof CannotGetJdbcConnectionException || failure instanceof DataAccessResourceFailureException
                || failure instanceof QueryTimeoutException || failure instanceof CannotAcquireLockException
                || failure instanceof TransientDataAccessException) {
            return true;
        }
        String state = sqlState(failure);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return QUERY_CANCELED.equals(state) || state != null && state.startsWith("08");
    }
}
