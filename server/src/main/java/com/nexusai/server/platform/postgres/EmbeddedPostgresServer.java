package com.nexusai.server.platform.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.nexusai.embedded.postgres.PostgresProcess;
import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.EmbeddedServer;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.LeftoverProcesses;
import com.nexusai.server.platform.Secrets;

/**
 * A real PostgreSQL 15 server ({@link PostgresProcess}) on 127.0.0.1, with its data, password and log in the
 * data directory, and the server's database created.
 */
public final class EmbeddedPostgresServer implements EmbeddedServer<PostgresEndpoint> {

    static final String SUPERUSER = "postgres";

    private final DataDirectory dataDirectory;
    private final EmbeddedSettings.Postgres settings;
    private final int port;
    private volatile PostgresProcess postgres;

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
        PostgresProcess.Options options = new PostgresProcess.Options(data, dataDirectory.directory("runtime/postgres"),
                EmbeddedSettings.HOST, port, settings.maxConnections(), dataDirectory.secretFile("postgres-password"),
                password, log, Duration.ofSeconds(90));
        try {
            postgres = PostgresProcess.start(options);
        } catch (IOException | RuntimeException e) {
            throw new IOException("PostgreSQL did not start on " + EmbeddedSettings.HOST + ":" + port + ": "
                    + e.getMessage() + " (its log: " + log + ")", e);
        }
        String version;
        try (Connection connection = postgres.postgresDatabase().getConnection()) {
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
        PostgresProcess running = postgres;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
            }
            postgres = null;
        }
    }
}
