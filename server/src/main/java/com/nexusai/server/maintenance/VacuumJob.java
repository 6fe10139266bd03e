package com.nexusai.server.maintenance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import com.nexusai.server.sql.LongStatements;
import org.springframework.stereotype.Component;

/** §7.2 "Vacuum PostgreSQL, hebdomadaire, dimanche 03:00": {@code VACUUM (ANALYZE)} of the application's database. */
@Component
class VacuumJob implements MaintenanceJob {

    private final DataSource dataSource;

    VacuumJob(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "vacuum";
    }

    @Override
    public String description() {
        return "VACUUM (ANALYZE) of the PostgreSQL database";
    }

    @Override
    public String defaultCron() {
        return "0 0 3 * * SUN";
    }

    @Override
    public Duration window() {
        return Duration.ofHours(1);
    }

    /** VACUUM (ANALYZE) loads the database. */
    @Override
    public Set<String> silences() {
        return Set.of("HighCpuUsage", "HighLatency");
    }

    @Override
    public Outcome run(String actor) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
            LongStatements.allow(connection);
            statement.execute("vacuum (analyze)");
            try (ResultSet size = statement.executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
                size.next();
                return Outcome.succeeded(String.format("VACUUM (ANALYZE) done in %.1f s; database size %s",
                        (System.nanoTime() - started) / 1e9, size.getString(1)));
            }
        }
    }
}
