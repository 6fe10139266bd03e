package com.nexusai.server.replica;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import com.nexusai.server.sql.PostgresUrl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The optional PostgreSQL streaming replica: every {@code nexusai.database.replica.refresh} it is asked whether it
 * is a standby that answers (within {@code timeout}), and the primary how far behind it is. Published:
 * {@code nexusai_db_replica_up} (1/0), {@code nexusai_db_replica_unusable_seconds} (0 while usable),
 * {@code pg_replication_lag_seconds} (postgres-exporter's name, so that its dashboards work) and
 * {@code nexusai_db_replica_behind_bytes}.
 */
@Component
public class PostgresReplica {

    private static final Logger log = LoggerFactory.getLogger(PostgresReplica.class);

    /** Where to connect to the replica: the primary's URL (database, TLS parameters) on the replica's address, the same credentials. */
    public record Endpoint(PostgresUrl url, String username, String password) {

        public String address() {
            return url.address();
        }
    }

    private final ReplicaProperties properties;
    private final Endpoint endpoint;
    private final JdbcTemplate primaryJdbc;
    private final Clock clock;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong behind = new AtomicLong();
    private volatile double lagSeconds;
    private volatile java.time.Instant lastUsable;
    private volatile ReplicaStatus latest;

    PostgresReplica(ReplicaProperties properties, JdbcConnectionDetails primary, JdbcTemplate primaryJdbc, Clock clock, MeterRegistry registry) {
        this.properties = properties;
        // the primary's database, TLS parameters and credentials, read once
        PostgresUrl url = PostgresUrl.parse(primary.getJdbcUrl());
        this.endpoint = new Endpoint(url.withDatabase(url.databaseOr(primary.getUsername())).withAddress(properties.host().strip(), properties.port()),
                primary.getUsername(), primary.getPassword());
        this.primaryJdbc = primaryJdbc;
        this.clock = clock;
        if (properties.configured()) {
            Gauge.builder("nexusai.db.replica.up", up, AtomicLong::get).description("1 when the PostgreSQL replica answers as a standby").register(registry);
            Gauge.builder("nexusai.db.replica.behind.bytes", behind, AtomicLong::get)
                    .description("WAL bytes the replica has not replayed yet, as the primary sees it").register(registry);
            Gauge.builder("pg.replication.lag.seconds", this, replica -> replica.lagSeconds)
                    .description("Seconds the replica is behind (0 when it has replayed everything)").register(registry);
            Gauge.builder("nexusai.db.replica.unusable.seconds", this, PostgresReplica::unusableSeconds)
                    .description("Seconds since the replica was last usable (0 while it is)").register(registry);
            this.lastUsable = clock.instant();
        }
    }

    public boolean configured() {
        return properties.configured();
    }

    private double unusableSeconds() {
        ReplicaStatus status = latest;
        return status == null || status.usable() ? 0 : java.time.Duration.between(lastUsable, clock.instant()).toMillis() / 1000.0;
    }

    /** Null when no replica is configured or before the first look. */
    public ReplicaStatus latest() {
        return latest;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The replica to read from now, if one is configured and answered as a standby at the last look. */
    public Optional<Endpoint> readable() {
        ReplicaStatus status = latest;
        return properties.configured() && status != null && status.usable() ? Optional.of(endpoint()) : Optional.empty();
    }

    /** A connection to the replica, bounded by {@code timeout} for connecting, signing in and each read. */
    public Connection connect() throws SQLException {
        return connect(true);
    }

    /** A connection for long reads (a backup's snapshot and row counts): only connecting and signing in are bounded. */
    public Connection connectForReading() throws SQLException {
        return connect(false);
    }

    private Connection connect(boolean boundedReads) throws SQLException {
        Properties connection = new Properties();
        connection.setProperty("user", endpoint.username());
        if (endpoint.password() != null) {
            connection.setProperty("password", endpoint.password());
        }
        String seconds = Long.toString(Math.max(1, properties.timeout().toSeconds()));
        connection.setProperty("connectTimeout", seconds);
        connection.setProperty("loginTimeout", seconds);
        if (boundedReads) {
            connection.setProperty("socketTimeout", seconds);
        }
        connection.setProperty("ApplicationName", boundedReads ? "nexusai-replica-check" : "nexusai-backup");
        return DriverManager.getConnection(endpoint.url().jdbcUrl(), connection);
    }

    @Scheduled(fixedDelayString = "${nexusai.database.replica.refresh:5s}", initialDelayString = "PT1S")
    void refresh() {
        if (!properties.configured()) {
            return;
        }
        ReplicaStatus status = look();
        ReplicaStatus before = latest;
        latest = status;
        if (status.usable()) {
            lastUsable = status.at();
        }
        up.set(status.usable() ? 1 : 0);
        behind.set(Math.max(0, status.behindBytes()));
        lagSeconds = Math.max(0, status.lagSeconds());
        if (!status.usable() && (before == null || before.usable())) {
            log.warn("The PostgreSQL replica {} is not usable: {}; backups read from the primary meanwhile", status.address(), status.problem());
        } else if (status.usable() && before != null && !before.usable()) {
            log.info("The PostgreSQL replica {} answers again", status.address());
        }
    }

    private ReplicaStatus look() {
        String address = endpoint.address();
        String problem = null;
        double replayDelay = -1;
        // the delay is the standby's own (postgres-exporter's query): since the last transaction it replayed, while it has
        // received more than it replayed. The primary's view (now() - reply_time) only says when the standby last spoke,
        // which it does every few seconds even while its replay is stuck.
        try (Connection replica = connect(); Statement statement = replica.createStatement();
                ResultSet recovery = statement.executeQuery("""
                        select pg_is_in_recovery(),
                               case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                                    else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0) end""")) {
            recovery.next();
            if (!recovery.getBoolean(1)) {
                problem = "it is not a standby (promoted, or the primary itself): pg_is_in_recovery() is false";
            } else {
                replayDelay = Math.max(0, recovery.getDouble(2));
            }
        } catch (SQLException e) {
            problem = "it does not answer within " + properties.timeout().toSeconds() + " s: " + e.getMessage();
        }
        long bytes = -1;
        double seconds = -1;
        try {
            var rows = primaryJdbc.queryForList("""
                    select pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint as behind,
                           case when pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) > 0
                                then extract(epoch from now() - reply_time) else 0 end as seconds
                    from pg_stat_replication where application_name <> 'pg_basebackup'
                    order by behind desc nulls first""");
            if (!rows.isEmpty()) {
                Object behindValue = rows.getFirst().get("behind");
                Object secondsValue = rows.getFirst().get("seconds");
                bytes = behindValue == null ? -1 : ((Number) behindValue).longValue();
                seconds = secondsValue == null ? -1 : ((Number) secondsValue).doubleValue();
            } else if (problem == null) {
                problem = "the primary does not list it in pg_stat_replication (not streaming)";
            }
        } catch (RuntimeException e) {
            log.debug("pg_stat_replication could not be read on the primary: {}", e.getMessage());
        }
        if (replayDelay >= 0) {
            seconds = bytes == 0 ? 0 : Math.max(replayDelay, seconds);
        }
        return new ReplicaStatus(clock.instant(), address, problem, bytes, seconds);
    }
}
