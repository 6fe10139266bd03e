package com.nexusai.server.platform.postgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.EmbeddedServer;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.LeftoverProcesses;
import com.nexusai.server.platform.Secrets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 15 server (zonky's bundled binaries) whose data people keep: fsync and
 * synchronous_commit on, password authentication, TCP on 127.0.0.1 only and no Unix socket.
 */
public final class EmbeddedPostgresServer implements EmbeddedServer<PostgresEndpoint> {

    static final String SUPERUSER = "postgres";

    private final DataDirectory dataDirectory;
    private final EmbeddedSettings.Postgres settings;
    private final int port;
    private volatile EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(DataDirectory dataDirectory, EmbeddedSettings.Postgres settings, int port) {
        this.dataDirectory = dataDirectory;
        this.settings = settings;
        this.port = port;
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    /** Stops a postmaster that a killed NexusAI server left running on this data directory. */
    public static void stopLeftover(DataDirectory dataDirectory) {
        Path data = dataDirectory.root().resolve("postgres");
        LeftoverProcesses.stop("PostgreSQL", data.resolve("postmaster.pid"), "-D " + data);
    }

    @Override
    public PostgresEndpoint start() throws IOException, SQLException {
        Path data = dataDirectory.directory("postgres");
        String password = dataDirectory.secret("postgres-password", Secrets::newPassword);
        Path log = dataDirectory.directory("logs").resolve("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(dataDirectory.directory("runtime/postgres").toFile())
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(90))
                // zonky starts postgres with -F (fsync off) and synchronous_commit off, fit for tests only
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", Integer.toString(settings.maxConnections()))
                .setServerConfig("listen_addresses", EmbeddedSettings.HOST)
                .setServerConfig("unix_socket_directories", "''")
                // initdb options (zonky passes these as --key=value): no "trust", a password for the superuser
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("pwfile", dataDirectory.secretFile("postgres-password").toString())
                .setLocaleConfig("locale", "C")
                .setConnectConfig("password", password)
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()));
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IOException("PostgreSQL did not start on " + EmbeddedSettings.HOST + ":" + port + ": "
                    + e.getMessage() + " (its log: " + log + ")", e);
        }
        String version;
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            createDatabaseIfMissing(connection, settings.database());
            version = serverVersion(connection);
        }
        return new PostgresEndpoint(EmbeddedSettings.HOST, port, settings.database(), SUPERUSER, password, version);
    }

    private static void createDatabaseIfMissing(Connection connection, String database) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
        }
    }

    private static String serverVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        EmbeddedPostgres running = postgres;
        if (running != null) {
            try {
                running.close(); // pg_ctl stop: a fast, clean shutdown with a checkpoint
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
            }
            postgres = null;
        }
    }
}
