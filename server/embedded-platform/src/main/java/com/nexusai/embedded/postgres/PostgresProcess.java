package com.nexusai.embedded.postgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server from zonky's bundled binaries, set up for data people keep: fsync and
 * synchronous_commit on, password authentication, TCP on one address only and no Unix socket.
 */
public final class PostgresProcess implements AutoCloseable {

    /**
     * @param passwordFile the superuser's password, read by initdb for a fresh data directory
     * @param password the same password, for the connections this class opens
     */
    public record Options(Path dataDirectory, Path workingDirectory, String host, int port, int maxConnections,
            Path passwordFile, String password, Path log, Duration startupWait) {
    }

    private final EmbeddedPostgres postgres;

    private PostgresProcess(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresProcess start(Options options) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(options.dataDirectory())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(options.workingDirectory().toFile())
                .setPort(options.port())
                .setPGStartupWait(options.startupWait())
                // zonky starts postgres with -F (fsync off) and synchronous_commit off, fit for tests only
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", Integer.toString(options.maxConnections()))
                .setServerConfig("listen_addresses", options.host())
                .setServerConfig("unix_socket_directories", "''")
                // initdb options (zonky passes these as --key=value): no "trust", a password for the superuser
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("pwfile", options.passwordFile().toString())
                .setLocaleConfig("locale", "C")
                .setConnectConfig("password", options.password())
                .setOutputRedirector(Redirect.appendTo(options.log().toFile()))
                .setErrorRedirector(Redirect.appendTo(options.log().toFile()));
        return new PostgresProcess(builder.start());
    }

    /** The superuser's connections to the {@code postgres} database. */
    public DataSource postgresDatabase() {
        return postgres.getPostgresDatabase();
    }

    /** pg_ctl stop: a fast, clean shutdown with a checkpoint. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
