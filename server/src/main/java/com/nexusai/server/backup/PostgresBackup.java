package com.nexusai.server.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import com.nexusai.server.io.HashingInputStream;
import com.nexusai.server.replica.PostgresReplica;
import com.nexusai.server.sql.LongStatements;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL backups with the real {@code pg_dump} (custom format, compressed once, by pg_dump),
 * streamed from its stdout to the object store with no temporary file, and restores with
 * {@code pg_restore} fed from the store. The dump runs in a snapshot exported from a transaction
 * that also counts every table's rows, so the counts describe exactly what the dump holds: a
 * restore test compares against them.
 */
@Component
class PostgresBackup {

    private static final String INSTALL = "install the PostgreSQL client of the server's major version or newer "
            + "(Debian: apt-get install postgresql-client-15), or set nexusai.backup.pg-dump / pg-restore";

    record Dump(long size, String sha256, Map<String, Long> tableCounts, String source) {
    }

    private final DataSource dataSource;
    private final PostgresReplica replica;
    private final Targets targets;
    private final BackupStore store;
    private final ClientTool pgDump;
    private final ClientTool pgRestore;
    private final int compression;

    PostgresBackup(DataSource dataSource, PostgresReplica replica, Targets targets, BackupStore store, BackupProperties properties) {
        this.dataSource = dataSource;
        this.replica = replica;
        this.targets = targets;
        this.store = store;
        this.pgDump = new ClientTool(properties.pgDump(), INSTALL);
        this.pgRestore = new ClientTool(properties.pgRestore(), INSTALL);
        this.compression = properties.pgDumpCompression();
        if (compression < -1 || compression > 9) {
            throw new IllegalStateException("nexusai.backup.pg-dump-compression must be -1 (pg_dump's default) or 0 to 9, not " + compression);
        }
    }

    /**
     * Dumps the application's database to {@code key}, from the replica when one is configured and answered at its
     * last look (the primary is spared the reading), else from the primary, saying why in the dump's {@code source};
     * {@code progress} receives the stream so its count can be read.
     */
    Dump dump(String key, java.util.function.Consumer<HashingInputStream> progress) {
        requireVersion(pgDump);
        java.util.Optional<PostgresReplica.Endpoint> standby = replica.readable();
        Connection onReplica = null;
        String replicaProblem = replica.latest() == null ? "not looked at yet" : replica.latest().problem();
        if (standby.isPresent()) {
            try {
                onReplica = replica.connectForReading();
            } catch (SQLException e) {
                // it went away since its last look (every few seconds): the primary, saying why
                standby = java.util.Optional.empty();
                replicaProblem = "it does not answer: " + e.getMessage();
            }
        }
        Targets.Postgres primary = targets.postgres();
        Targets.Postgres target = standby.map(r -> new Targets.Postgres(r.url(), r.username(), r.password()))
                .orElse(primary);
        String why = replicaProblem;
        String source = standby.map(r -> "replica " + r.address()).orElseGet(() -> !replica.configured() ? "primary"
                : "primary (warning: the replica " + replica.endpoint().address() + " is not usable: " + why + ")");
        try (Connection snapshot = onReplica != null ? onReplica : dataSource.getConnection()) {
            LongStatements.allow(snapshot); // the rows of every table are counted on it
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot.setReadOnly(true);
            try {
                String snapshotId = single(snapshot, "select pg_export_snapshot()");
                List<String> args = new ArrayList<>(List.of("--format=custom", "--snapshot=" + snapshotId, "--no-password",
                        "--host=" + target.host(), "--port=" + target.port(), "--username=" + target.username(),
                        "--dbname=" + target.database()));
                if (compression >= 0) {
                    args.add("--compress=" + compression);
                }
                ClientTool.Running dump = pgDump.start(args, target.clientEnvironment());
                // the rows are counted in the exported snapshot while pg_dump reads it
                CompletableFuture<Map<String, Long>> counts = CompletableFuture.supplyAsync(() -> {
                    try {
                        return countRows(snapshot);
                    } catch (SQLException e) {
                        throw new BackupFailedException("PostgreSQL (counting rows): " + e.getMessage(), e);
                    }
                }, Thread::startVirtualThread);
                HashingInputStream out = new HashingInputStream(dump.process().getInputStream());
                progress.accept(out);
                try {
                    store.put(key, out);
                } catch (RuntimeException e) {
                    dump.kill();
                    counts.handle((done, failure) -> null).join(); // the connection is not shared across threads
                    throw e;
                }
                dump.await();
                return new Dump(out.count(), out.sha256(), join(counts), source);
            } finally {
                snapshot.rollback();
            }
        } catch (SQLException e) {
            throw new BackupFailedException("PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Restores the dump at {@code key} into {@code database} (null: the application's own), replacing
     * what is there ({@code --clean --if-exists}) in one transaction; {@code progress} gets the stream whose count is
     * the bytes of the dump read so far.
     */
    void restore(String key, String database, java.util.function.Consumer<HashingInputStream> progress) {
        requireVersion(pgRestore);
        Targets.Postgres target = database == null ? targets.postgres() : targets.postgres().withDatabase(database);
        ClientTool.Running restore = pgRestore.start(List.of("--clean", "--if-exists", "--no-owner", "--single-transaction",
                "--exit-on-error", "--no-password", "--host=" + target.host(), "--port=" + target.port(),
                "--username=" + target.username(), "--dbname=" + target.database()), target.clientEnvironment());
        try (HashingInputStream in = new HashingInputStream(store.open(key)); OutputStream stdin = restore.process().getOutputStream()) {
            progress.accept(in);
            in.transferTo(stdin);
        } catch (java.io.IOException e) {
            restore.kill();
            restore.await();
            throw new BackupFailedException("pg_restore stopped reading: " + e.getMessage(), e);
        }
        restore.await();
    }

    /** Row counts of every table of {@code database} on the application's server. */
    Map<String, Long> countRows(String database) {
        Targets.Postgres target = targets.postgres().withDatabase(database);
        try (Connection connection = java.sql.DriverManager.getConnection(target.url().jdbcUrl(), target.username(), target.password())) {
            return countRows(connection);
        } catch (SQLException e) {
            throw new BackupFailedException("PostgreSQL (" + database + "): " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new BackupFailedException("PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> join(CompletableFuture<Map<String, Long>> counts) {
        try {
            return counts.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void requireVersion(ClientTool tool) {
        int client = tool.majorVersion();
        int server;
        try (Connection connection = dataSource.getConnection()) {
            server = Integer.parseInt(single(connection, "show server_version_num")) / 10000;
        } catch (SQLException e) {
            throw new BackupFailedException("PostgreSQL: " + e.getMessage(), e);
        }
        if (client < server) {
            throw new BackupFailedException(tool.command() + " is version " + client + " and cannot handle a PostgreSQL " + server
                    + " server: " + INSTALL);
        }
    }

    private static Map<String, Long> countRows(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables "
                        + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables) {
            counts.put(table, Long.parseLong(single(connection, "select count(*) from " + table)));
        }
        return counts;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
