package com.nexusai.server.backup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.events.DomainEvents;
import com.nexusai.server.sql.Columns;
import com.nexusai.server.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code backup_runs} table, each change with its {@code backup.*} event. */
@Repository
class BackupRuns {

    private static final String COLUMNS = "id, kind, trigger, requested_by, node, started_at, finished_at, status, size_bytes, sha256, "
            + "object_key, error, table_counts, verification, verified_at, verification_detail, source";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DomainEvents events;

    BackupRuns(JdbcClient jdbc, TransactionTemplate transaction, DomainEvents events) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
    }

    UUID start(BackupKind kind, String trigger, String requestedBy, String node) {
        UUID id = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("insert into backup_runs (id, kind, trigger, requested_by, node, status) values (?, ?, ?, ?, ?, 'running')")
                    .params(id, kind.id(), trigger, requestedBy, node).update();
            events.record("backup.started", "backup", id.toString(), requestedBy, Map.of("kind", kind.id(), "trigger", trigger, "node", node));
        });
        return id;
    }

    void succeeded(UUID id, long size, String sha256, String objectKey, String tableCounts, String source, String actor) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            update backup_runs set status = 'succeeded', finished_at = now(), size_bytes = ?, sha256 = ?, object_key = ?,
                                   table_counts = ?, source = ? where id = ?""")
                    .params(size, sha256, objectKey, tableCounts, source, id).update();
            events.record("backup.succeeded", "backup", id.toString(), actor,
                    Map.of("sizeBytes", size, "sha256", sha256, "objectKey", objectKey));
        });
    }

    void failed(UUID id, String error, String actor) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("update backup_runs set status = 'failed', finished_at = now(), error = ? where id = ?").params(error, id).update();
            events.record("backup.failed", "backup", id.toString(), actor, Map.of("error", error));
        });
    }

    void verified(UUID id, boolean ok, String detail) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("update backup_runs set verification = ?, verified_at = now(), verification_detail = ? where id = ?")
                    .params(ok ? "verified" : "failed", detail, id).update();
            events.record(ok ? "backup.verified" : "backup.verification-failed", "backup", id.toString(), null, Map.of("detail", detail));
        });
    }

    /** Puts {@code history} back as it was (after a restore brought back the table of the dump's time). */
    void keep(List<BackupRun> history) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from backup_runs").update();
            for (BackupRun run : history) {
                jdbc.sql("insert into backup_runs (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(run.id(), run.kind(), run.trigger(), run.requestedBy(), run.node(), time(run.startedAt()),
                                time(run.finishedAt()), run.status(), run.sizeBytes(), run.sha256(), run.objectKey(), run.error(),
                                run.tableCounts(), run.verification(), time(run.verifiedAt()), run.verificationDetail(), run.source())
                        .update();
            }
        });
    }

    void restored(UUID id, String actor) {
        transaction.executeWithoutResult(status -> events.record("backup.restored", "backup", id.toString(), actor, Map.of()));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    BackupRun get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from backup_runs where id = ?").param(id).query(BackupRuns::row).optional()
                .orElseThrow(() -> new NotFoundException(ProblemText.of("backup.none", id)));
    }

    List<BackupRun> list(String kind, int limit) {
        return jdbc.sql("select " + COLUMNS + " from backup_runs where (cast(? as varchar) is null or kind = ?) order by started_at desc, id limit ?")
                .params(kind, kind, limit).query(BackupRuns::row).list();
    }

    /** The newest successful run of {@code kind}, or null. */
    BackupRun lastGood(BackupKind kind) {
        return jdbc.sql("select " + COLUMNS + " from backup_runs where kind = ? and status = 'succeeded' order by finished_at desc limit 1")
                .param(kind.id()).query(BackupRuns::row).optional().orElse(null);
    }

    /** Finished runs started before {@code before}, except the newest good one of each kind. */
    List<BackupRun> expired(Instant before) {
        return jdbc.sql("select " + COLUMNS + " from backup_runs where status <> 'running' and started_at < ? and id not in "
                        + "(select distinct on (kind) id from backup_runs where status = 'succeeded' order by kind, finished_at desc)")
                .param(OffsetDateTime.ofInstant(before, java.time.ZoneOffset.UTC)).query(BackupRuns::row).list();
    }

    void delete(UUID id, String objectKey) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from backup_runs where id = ?").param(id).update();
            events.record("backup.expired", "backup", id.toString(), null, objectKey == null ? Map.of() : Map.of("objectKey", objectKey));
        });
    }

    /** Runs a crash left as running on this node: they are over. */
    int abandon(String node) {
        return jdbc.sql("update backup_runs set status = 'failed', finished_at = now(), error = 'the server stopped during the backup' "
                + "where status = 'running' and node = ?").param(node).update();
    }

    /** Per kind: finish time, seconds taken and size of the newest good run. */
    /**
     * Per kind: when the newest good backup finished, how long it took, its size; when the newest passed restore test
     * ran (or, none having passed, when the first good backup finished: since then one was due); whether the newest
     * restore test passed (1), failed (0) or none ran (NaN).
     */
    Map<String, double[]> lastGoodFigures() {
        return jdbc.sql("""
                        select kind,
                               extract(epoch from (array_agg(finished_at order by finished_at desc) filter (where status = 'succeeded'))[1]) as finished,
                               extract(epoch from (array_agg(finished_at - started_at order by finished_at desc) filter (where status = 'succeeded'))[1]) as took,
                               (array_agg(size_bytes order by finished_at desc) filter (where status = 'succeeded'))[1] as size_bytes,
                               extract(epoch from coalesce(max(verified_at) filter (where verification = 'verified'),
                                                           min(finished_at) filter (where status = 'succeeded'))) as verified,
                               (array_agg(verification order by verified_at desc) filter (where verification is not null))[1] as verification
                        from backup_runs group by kind""")
                .query((ResultSet rs) -> {
                    Map<String, double[]> figures = new LinkedHashMap<>();
                    while (rs.next()) {
                        String verification = rs.getString("verification");
                        figures.put(rs.getString("kind"), new double[] {number(rs, "finished"), number(rs, "took"), number(rs, "size_bytes"),
                                number(rs, "verified"), verification == null ? Double.NaN : "verified".equals(verification) ? 1 : 0});
                    }
                    return figures;
                });
    }

    private static double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }

    private static BackupRun row(ResultSet rs, int n) throws SQLException {
        return new BackupRun(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("trigger"), rs.getString("requested_by"),
                rs.getString("node"), Columns.instant(rs, "started_at"), Columns.instant(rs, "finished_at"), rs.getString("status"),
                rs.getObject("size_bytes", Long.class), rs.getString("sha256"), rs.getString("object_key"), rs.getString("error"),
                rs.getString("table_counts"), rs.getString("verification"), Columns.instant(rs, "verified_at"), rs.getString("verification_detail"),
                rs.getString("source"), null);
    }

}
