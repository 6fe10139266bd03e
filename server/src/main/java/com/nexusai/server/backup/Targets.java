package com.nexusai.server.backup;

import java.net.URI;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.RedisServer;
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
    private final RedisConnectionFactory redisConnections;

    Targets(JdbcConnectionDetails jdbc, DataRedisConnectionDetails redis, RedisConnectionFactory redisConnections) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.redisConnections = redisConnections;
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

    /** The standalone Redis, or with Sentinel the current master, asked of the Sentinels now (a failover moves it). */
    Redis redis() {
        DataRedisConnectionDetails.Sentinel sentinel = redis.getSentinel();
        if (sentinel != null) {
            try (RedisSentinelConnection sentinels = redisConnections.getSentinelConnection()) {
                RedisServer master = sentinels.masters().stream().filter(m -> sentinel.getMaster().equals(m.getName())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the Sentinels do not know the master " + sentinel.getMaster()));
                return new Redis(master.getHost(), master.getPort(), redis.getUsername(), redis.getPassword());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (redis.getCluster() != null) {
            throw new IllegalStateException("Redis backups need a standalone Redis or Sentinel, not a Redis Cluster");
        }
        DataRedisConnectionDetails.Standalone standalone = redis.getStandalone();
        return new Redis(standalone.getHost(), standalone.getPort(), redis.getUsername(), redis.getPassword());
    }
}
