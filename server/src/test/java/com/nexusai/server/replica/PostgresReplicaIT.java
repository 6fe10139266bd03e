package com.nexusai.server.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.postgres.EmbeddedPostgresServer;
import com.nexusai.server.platform.postgres.PostgresEndpoint;
import com.nexusai.server.support.PostgresStandby;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The replica check against a real streaming replica (pg_basebackup of the embedded primary): it is seen as a
 * usable standby with no lag; paused (SIGSTOP) under a write burst, it is reported as not answering while the
 * primary's figures of its lag rise, and they fall back once it resumes; stopped, it is reported with the reason.
 */
class PostgresReplicaIT {

    @TempDir
    static Path dir;

    static DataDirectory data;
    static EmbeddedPostgresServer server;
    static PostgresEndpoint primary;
    static PostgresStandby standby;
    static JdbcTemplate primaryJdbc;
    static PostgresReplica replica;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        data = DataDirectory.open(dir.resolve("primary"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new EmbeddedPostgresServer(data, new EmbeddedSettings.Postgres(port, "nexusai", 50), port);
        primary = server.start();
        standby = PostgresStandby.start(dir, primary, PostgresStandby.embeddedBinaries(dir.resolve("primary")));
        primaryJdbc = new JdbcTemplate(new DriverManagerDataSource(primary.jdbcUrl(), primary.username(), primary.password()));
        JdbcConnectionDetails details = new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return primary.username();
            }

            @Override
            public String getPassword() {
                return primary.password();
            }

            @Override
            public String getJdbcUrl() {
                return primary.jdbcUrl();
            }
        };
        replica = new PostgresReplica(new ReplicaProperties("127.0.0.1", standby.port(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                details, primaryJdbc, Clock.systemUTC(), registry);
    }

    @AfterAll
    static void stop() throws Exception {
        if (standby != null) {
            standby.close();
        }
        if (server != null) {
            server.close();
        }
        if (data != null) {
            data.close();
        }
    }

    @Test
    void theReplicaIsSeenItsLagRisesWhilePausedAndAStoppedOneIsReportedWithTheReason() throws Exception {
        primaryJdbc.execute("create table if not exists burst (id bigserial primary key, filler text)");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            replica.refresh();
            assertThat(replica.latest().usable()).as(String.valueOf(replica.latest())).isTrue();
            assertThat(replica.latest().behindBytes()).isZero();
        });
        assertThat(replica.readable()).isPresent();
        try (Connection connection = replica.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from burst")) {
            rows.next();
            assertThat(rows.getLong(1)).as("the table created on the primary, read on the replica").isZero();
        }
        assertThat(registry.get("nexusai.db.replica.up").gauge().value()).isEqualTo(1);

        standby.pause(true);
        try {
            primaryJdbc.update("insert into burst (filler) select repeat('x', 1000) from generate_series(1, 20000)");
            // the seconds since the replica's last report grow while it is paused
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                replica.refresh();
                assertThat(replica.latest().lagSeconds()).isGreaterThanOrEqualTo(1);
            });
            ReplicaStatus paused = replica.latest();
            assertThat(paused.usable()).isFalse();
            assertThat(paused.problem()).contains("does not answer within 2 s");
            assertThat(paused.behindBytes()).as("WAL the paused replica has not replayed").isGreaterThan(10_000_000);
            assertThat(paused.lagSeconds()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("pg.replication.lag.seconds").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(replica.readable()).as("a backup would read from the primary").isEmpty();
        } finally {
            standby.pause(false);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            replica.refresh();
            assertThat(replica.latest().usable()).isTrue();
            assertThat(replica.latest().behindBytes()).isZero();
            assertThat(replica.latest().lagSeconds()).isZero();
        });

        standby.stopServer();
        try {
            replica.refresh();
            assertThat(replica.latest().usable()).isFalse();
            assertThat(replica.latest().problem()).contains("does not answer");
            assertThat(registry.get("nexusai.db.replica.up").gauge().value()).isZero();
        } finally {
            standby.startServer();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            replica.refresh();
            assertThat(replica.latest().usable()).isTrue();
        });
    }
}
