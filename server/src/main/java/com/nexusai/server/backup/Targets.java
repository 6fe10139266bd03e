package com.nexusai.server.backup;

import java.util.LinkedHashMap;
import java.util.Map;

import com.nexusai.server.config.DataTierProperties;
import com.nexusai.server.sql.PostgresUrl;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.RedisServer;
import org.springframework.stereotype.Component;

/** Where the client tools connect: the same servers the application uses (embedded or from the prod variables). */
@Component
class Targets {

    /** A PostgreSQL server and database with the application's URL parameters (TLS) and credentials. */
    record Postgres(PostgresUrl url, String username, String password) {

        String host() {
            return url.host();
        }

        int port() {
            return url.port();
        }

        String database() {
            return url.database();
        }

        /** The same server, another database (a scratch one for a restore test). */
        Postgres withDatabase(String other) {
            return new Postgres(url.withDatabase(other), username, password);
        }

        /** For pg_dump and pg_restore: the password and the URL's TLS settings, as libpq reads them. */
        Map<String, String> clientEnvironment() {
            Map<String, String> environment = new LinkedHashMap<>(url.libpqEnvironment());
            environment.put("PGPASSWORD", password == null ? "" : password);
            return environment;
        }
    }

    /** @param tls over TLS (REDIS_TLS), {@code caFile} the authority to verify it with, or null for the system's */
    record Redis(String host, int port, String username, String password, boolean tls, String caFile) {
    }

    private final JdbcConnectionDetails jdbc;
    private final DataRedisConnectionDetails redis;
    private final RedisConnectionFactory redisConnections;

    private final DataTierProperties dataTier;

    Targets(JdbcConnectionDetails jdbc, DataRedisConnectionDetails redis, RedisConnectionFactory redisConnections, DataTierProperties dataTier) {
        this.jdbc = jdbc;
        this.dataTier = dataTier;
        this.redis = redis;
        this.redisConnections = redisConnections;
    }

    Postgres postgres() {
        PostgresUrl url = PostgresUrl.parse(jdbc.getJdbcUrl());
        return new Postgres(url.withDatabase(url.databaseOr(jdbc.getUsername())), jdbc.getUsername(), jdbc.getPassword());
    }

    /** The standalone Redis, or with Sentinel the current master, asked of the Sentinels now (a failover moves it). */
    Redis redis() {
        DataRedisConnectionDetails.Sentinel sentinel = redis.getSentinel();
        if (sentinel != null) {
            try (RedisSentinelConnection sentinels = redisConnections.getSentinelConnection()) {
                RedisServer master = sentinels.masters().stream().filter(m -> sentinel.getMaster().equals(m.getName())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the Sentinels do not know the master " + sentinel.getMaster()));
                return redisAt(master.getHost(), master.getPort());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (redis.getCluster() != null) {
            throw new IllegalStateException("Redis backups need a standalone Redis or Sentinel, not a Redis Cluster");
        }
        DataRedisConnectionDetails.Standalone standalone = redis.getStandalone();
        return redisAt(standalone.getHost(), standalone.getPort());
    }

    private Redis redisAt(String host, int port) {
        return new Redis(host, port, redis.getUsername(), redis.getPassword(), redis.getSslBundle() != null,
                dataTier.hasCaFile() ? dataTier.caFile() : null);
    }
}
