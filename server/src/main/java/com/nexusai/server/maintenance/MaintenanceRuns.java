package com.nexusai.server.maintenance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.events.DomainEvents;
import com.nexusai.server.sql.Columns;
import com.nexusai.server.web.ConflictException;
import com.nexusai.server.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code maintenance_runs} history, with {@code maintenance.*} events. */
@Repository
class MaintenanceRuns {

    private static final String COLUMNS = "id, job, trigger, requested_by, node, started_at, finished_at, status, summary, done_by, done_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DomainEvents events;

    MaintenanceRuns(JdbcClient jdbc, TransactionTemplate transaction, DomainEvents events) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
    }

    UUID start(String job, String trigger, String requestedBy, String node) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into maintenance_runs (id, job, trigger, requested_by, node, status) values (?, ?, ?, ?, ?, 'running')")
                .params(id, job, trigger, requestedBy, node).update();
        return id;
    }

    void finish(UUID id, String job, String status, String summary, String actor) {
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("update maintenance_runs set status = ?, summary = ?, finished_at = now() where id = ?").params(status, summary, id).update();
            events.record("maintenance." + (status.equals("to-do") ? "to-do" : status), "maintenance", id.toString(), actor,
                    Map.of("job", job, "summary", summary == null ? "" : summary));
        });
    }

    MaintenanceRun markDone(UUID id, String user) {
        MaintenanceRun run = get(id);
        if (!run.status().equals("to-do")) {
            throw new ConflictException(ProblemText.of("maintenance.notToDo", id, run.status()));
        }
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("update maintenance_runs set status = 'done', done_by = ?, done_at = now() where id = ?").params(user, id).update();
            events.record("maintenance.done", "maintenance", id.toString(), user, Map.of("job", run.job()));
        });
        return get(id);
    }

    MaintenanceRun get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from maintenance_runs where id = ?").param(id).query(MaintenanceRuns::row).optional()
                .orElseThrow(() -> new NotFoundException(com.nexusai.server.web.ProblemText.of("maintenance.run.none", id)));
    }

    MaintenanceRun last(String job) {
        return jdbc.sql("select " + COLUMNS + " from maintenance_runs where job = ? order by started_at desc limit 1").param(job)
                .query(MaintenanceRuns::row).optional().orElse(null);
    }

    List<MaintenanceRun> history(String job, int limit) {
        return jdbc.sql("select " + COLUMNS + " from maintenance_runs where (cast(? as varchar) is null or job = ?) order by started_at desc limit ?")
                .params(job, job, limit).query(MaintenanceRuns::row).list();
    }

    /** Runs a stop left as running on this node: they are over. */
    int abandon(String node) {
        return jdbc.sql("update maintenance_runs set status = 'failed', finished_at = now(), summary = 'the server stopped during the run' "
                + "where status = 'running' and node = ?").param(node).update();
    }

    private static MaintenanceRun row(ResultSet rs, int n) throws SQLException {
        return new MaintenanceRun(rs.getObject("id", UUID.class), rs.getString("job"), rs.getString("trigger"), rs.getString("requested_by"),
                rs.getString("node"), Columns.instant(rs, "started_at"), Columns.instant(rs, "finished_at"), rs.getString("status"), rs.getString("summary"),
                rs.getString("done_by"), Columns.instant(rs, "done_at"));
    }

}
