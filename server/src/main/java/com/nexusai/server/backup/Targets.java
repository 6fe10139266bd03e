package com.nexusai.server.backup;

import java.net.URI;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/** Where the client tools connect: the same servers the application uses (embedded or from the prod variables). */
@Component
class Targets {

    record Postgres(String host, int port, String database, String username, String password) {

        /** The same server, another database (a scratch one for a restore test). */
        Postgres withDatabase(String other) {
            return new Postgres(host, port, other, username, password);
        }
    }

    record Redis(String host, int port, String username, String password) {
    }

    private final JdbcConnectionDetails jdbc;
    private final DataRedisConnectionDetails redis;

    Targets(JdbcConnectionDetails jdbc, DataRedisConnectionDetails redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    Postgres postgres() {
        String url = jdbc.getJdbcUrl();
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? jdbc.getUsername() : uri.getPath().substring(1);
        return new Postgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, jdbc.getUsername(), jdbc.getPassword());
    }

    Redis redis() {
        DataRedisConnectionDetails.Standalone standalone = redis.getStandalone();
        if (standalone == null) {
            throw new IllegalStateException("Redis backups need a standalone Redis (no sentinel or cluster configured here)");
        }
        return new Redis(standalone.getHost(), standalone.getPort(), redis.getUsername(), redis.getPassword());
    }
}
