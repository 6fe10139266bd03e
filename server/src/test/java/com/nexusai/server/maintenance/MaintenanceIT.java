package com.nexusai.server.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nexusai.server.support.Http;
import com.nexusai.server.support.ProdServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The maintenance calendar with two server instances (prod profile) against one PostgreSQL, Redis,
 * Kafka and S3 store: a job scheduled every two seconds on both runs once per occurrence.
 */
class MaintenanceIT {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    static Path servicesDir;

    static ProdServices services;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static Http http;
    static String admin;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        services = ProdServices.start(servicesDir);
        String[] settings = {"--nexusai.maintenance.cron.vacuum=*/2 * * * * *", "--nexusai.maintenance.cron.retention=1/2 * * * * *",
                "--nexusai.retention.batch-size=2", "--nexusai.maintenance.lock-at-least=1s"};
        first = services.startServer(concat(settings, "--nexusai.node-name=instance-1"));
        second = services.startServer(concat(settings, "--nexusai.node-name=instance-2"));
        http = new Http("http://127.0.0.1:" + ((WebServerApplicationContext) first).getWebServer().getPort());
        admin = http.accessToken("admin", services.adminPassword());
        jdbc = first.getBean(JdbcTemplate.class);
    }

    private static String[] concat(String[] settings, String more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = more;
        return all;
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        services.close();
    }

    private String user(String role) throws Exception {
        String name = role.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/admin/users", Http.toJson(Map.of("username", name, "password", "maintenance-pw-1", "roles", List.of(role))),
                admin).statusCode()).isEqualTo(201);
        return http.accessToken(name, "maintenance-pw-1");
    }

    private JsonNode awaitFinished(String runId) throws Exception {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(Http.json(http.get("/api/admin/maintenance/runs?limit=200", admin)).valueStream()
                        .filter(run -> run.path("id").asString().equals(runId)).findFirst().orElseThrow().path("status").asString())
                        .isNotEqualTo("running"));
        return Http.json(http.get("/api/admin/maintenance/runs?limit=200", admin)).valueStream()
                .filter(run -> run.path("id").asString().equals(runId)).findFirst().orElseThrow();
    }

    @Test
    void aJobScheduledOnTwoInstancesRunsOncePerOccurrence() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("select count(*) from maintenance_runs where job = 'vacuum' and trigger = 'scheduled'", Integer.class) >= 6);
        List<Map<String, Object>> perOccurrence = jdbc.queryForList("""
                select floor(extract(epoch from started_at) / 2) as occurrence, count(*) as runs, string_agg(node, ',') as nodes
                from maintenance_runs where job = 'vacuum' and trigger = 'scheduled' group by 1 order by 1""");
        assertThat(perOccurrence).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(row -> assertThat(((Number) row.get("runs")).intValue()).as(row.toString()).isEqualTo(1));
        assertThat(jdbc.queryForList("select distinct node from maintenance_runs where job = 'vacuum'", String.class))
                .as("both instances compete; either may win an occurrence").isSubsetOf("instance-1", "instance-2");
        assertThat(jdbc.queryForList("select status from maintenance_runs where job = 'vacuum' and status <> 'running'", String.class))
                .containsOnly("succeeded");
    }

    @Test
    void theCalendarListsTheGuidesJobsWithTheirNextRunsAndWindows() throws Exception {
        JsonNode jobs = Http.json(http.get("/api/admin/maintenance", admin));
        assertThat(jobs.valueStream().map(job -> job.path("name").asString()).toList())
                .containsExactly("backup", "capacity-review", "log-rotation", "restore-test", "retention", "security-updates", "vacuum");
        ZonedDateTime backupNext = Instant.parse(job(jobs, "backup").path("nextRun").asString()).atZone(PARIS);
        assertThat(backupNext.toLocalTime()).isEqualTo(LocalTime.of(2, 0));
        assertThat(job(jobs, "backup").path("cron").asString()).isEqualTo("0 0 2 * * *");
        assertThat(job(jobs, "vacuum").path("cron").asString()).as("overridden for this test").isEqualTo("*/2 * * * * *");
        ZonedDateTime securityNext = Instant.parse(job(jobs, "security-updates").path("nextRun").asString()).atZone(PARIS);
        assertThat(securityNext.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(securityNext.getDayOfMonth()).as("the first Saturday").isLessThanOrEqualTo(7);
        ZonedDateTime logNext = Instant.parse(job(jobs, "log-rotation").path("nextRun").asString()).atZone(PARIS);
        assertThat(logNext.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);

        String support = user("SUPPORT");
        JsonNode windows = Http.json(http.get("/api/maintenance/windows?days=8", support));
        List<JsonNode> backupWindows = windows.valueStream().filter(w -> w.path("job").asString().equals("backup")).toList();
        assertThat(backupWindows).hasSizeGreaterThanOrEqualTo(7).allSatisfy(window -> {
            ZonedDateTime start = Instant.parse(window.path("start").asString()).atZone(PARIS);
            assertThat(start.toLocalTime()).isEqualTo(LocalTime.of(2, 0));
            assertThat(Instant.parse(window.path("end").asString()).atZone(PARIS).toLocalTime()).isEqualTo(LocalTime.of(4, 0));
        });
        assertThat(http.get("/api/admin/maintenance", support).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/maintenance/windows?days=0", support).statusCode()).isEqualTo(400);

        var open = first.getBean(com.nexusai.server.maintenance.MaintenanceCalendar.class).openWindows(Instant.now());
        assertThat(open).as("vacuum runs every two seconds here, in a one-hour window").anySatisfy(window -> {
            assertThat(window.job()).isEqualTo("vacuum");
            assertThat(window.silences()).contains("HighLatency");
            assertThat(window.start()).isBefore(Instant.now());
            assertThat(window.end()).isAfter(Instant.now());
        });
        var calendar = first.getBean(com.nexusai.server.maintenance.MaintenanceCalendar.class);
        ZonedDateTime today = ZonedDateTime.now(PARIS).toLocalDate().atStartOfDay(PARIS);
        assertThat(calendar.openWindows(today.withHour(3).toInstant())).as("the daily backup's window is 02:00-04:00, Paris")
                .anySatisfy(window -> assertThat(window.job()).isEqualTo("backup"));
        assertThat(calendar.openWindows(today.withHour(5).toInstant())).noneSatisfy(window -> assertThat(window.job()).isEqualTo("backup"));

        assertThat(job(jobs, "backup").path("description").asString()).as("no Accept-Language: English").startsWith("Full backup");
        JsonNode french = Http.json(http.send(http.request("/api/admin/maintenance", admin).header("Accept-Language", "fr").GET()));
        assertThat(job(french, "backup").path("description").asString()).startsWith("Backup complet");
        assertThat(french.valueStream().toList()).as("every job described in French").allSatisfy(job ->
                assertThat(job.path("description").asString()).isNotEqualTo(job(jobs, job.path("name").asString()).path("description").asString()));
    }

    private static JsonNode job(JsonNode jobs, String name) {
        return jobs.valueStream().filter(job -> job.path("name").asString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aPersonsTaskIsRecordedToDoAndMarkedDone() throws Exception {
        String devops = user("DEVOPS");
        HttpResponse<String> started = http.post("/api/admin/maintenance/security-updates/run", null, devops);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode run = awaitFinished(Http.json(started).path("id").asString());
        assertThat(run.path("status").asString()).isEqualTo("to-do");
        assertThat(run.path("summary").asString()).contains("take a backup").contains("on each instance in turn");
        String id = run.path("id").asString();
        JsonNode done = Http.json(http.post("/api/admin/maintenance/runs/" + id + "/done", null, devops));
        assertThat(done.path("status").asString()).isEqualTo("done");
        assertThat(done.path("doneBy").asString()).startsWith("devops-");
        assertThat(http.post("/api/admin/maintenance/runs/" + id + "/done", null, devops).statusCode()).isEqualTo(409);
        assertThat(http.post("/api/admin/maintenance/no-such-job/run", null, devops).statusCode()).isEqualTo(404);
        assertThat(http.post("/api/admin/maintenance/vacuum/run", null, user("SUPPORT")).statusCode()).isEqualTo(403);
    }

    @Test
    void theBackupRestoreTestLogAndCapacityJobsRunFromTheCalendar() throws Exception {
        JsonNode backup = awaitFinished(Http.json(http.post("/api/admin/maintenance/backup/run", null, admin)).path("id").asString());
        assertThat(backup.path("status").asString()).as(backup.path("summary").asString()).isEqualTo("succeeded");
        assertThat(backup.path("summary").asString()).contains("postgres succeeded").contains("redis succeeded");

        JsonNode restoreTest = awaitFinished(Http.json(http.post("/api/admin/maintenance/restore-test/run", null, admin)).path("id").asString());
        assertThat(restoreTest.path("status").asString()).as(restoreTest.path("summary").asString()).isEqualTo("succeeded");
        assertThat(restoreTest.path("summary").asString()).contains("verified").contains("every row count equal");

        JsonNode logs = awaitFinished(Http.json(http.post("/api/admin/maintenance/log-rotation/run", null, admin)).path("id").asString());
        assertThat(logs.path("status").asString()).as(logs.path("summary").asString()).isEqualTo("succeeded");
        assertThat(logs.path("summary").asString()).contains("archives kept").contains("older than 30 days deleted");

        jdbc.update("insert into capacity_samples (taken_at, node, heap_used, pool_active, kafka_lag) values (now() - interval '10 days', 'x', 123456789, 17, 42)");
        JsonNode capacity = awaitFinished(Http.json(http.post("/api/admin/maintenance/capacity-review/run", null, admin)).path("id").asString());
        assertThat(capacity.path("status").asString()).as(capacity.path("summary").asString()).isEqualTo("succeeded");
        assertThat(capacity.path("summary").asString()).contains("first review").contains("heap 123456789 bytes")
                .contains("active connections 17").contains("Kafka lag 42").contains("largest tables: ");
    }

    @Test
    void theRetentionJobDeletesOnlyRowsOlderThanTheSettingsInBatchesOncePerOccurrence() {
        String mark = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        // older than the defaults: these go (3 security events, 2 events, 2 published outbox rows, 1 conversation with its
        // messages, 1 resolved incident's snapshot, 1 finished run, 1 capacity sample: 11 rows, with a batch size of 2; and the
        // alert rows below)
        for (int i = 0; i < 3; i++) {
            jdbc.update("insert into security_events (occurred_at, type, username) values (now() - interval '400 days', 'LOGIN_OK', ?)", mark);
        }
        for (int i = 0; i < 2; i++) {
            jdbc.update("""
                    insert into events (event_id, type, aggregate_type, aggregate_id, occurred_at, payload)
                    values (gen_random_uuid(), 'test.old', 'test', ?, now() - interval '400 days', '{}')""", mark);
            jdbc.update("""
                    insert into outbox_events (event_id, type, aggregate_type, aggregate_id, occurred_at, payload, published_at)
                    values (gen_random_uuid(), 'test.old', 'test', ?, now() - interval '9 days', '{}', now() - interval '8 days')""", mark);
        }
        UUID oldConversation = UUID.randomUUID();
        jdbc.update("insert into ai_conversations (id, owner, title, model, created_at, updated_at) values (?, ?, 'old', 'm', now() - interval '400 days', now() - interval '400 days')",
                oldConversation, mark);
        jdbc.update("insert into ai_messages (id, conversation_id, role, content, status) values (gen_random_uuid(), ?, 'user', 'hello', 'complete')", oldConversation);
        UUID resolved = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        jdbc.update("insert into incidents (id, title, severity, kind, source, status, level, opened_by) values (?, 'old', 'info', 'application', 'manual', 'resolved', 1, ?)", resolved, mark);
        jdbc.update("insert into incidents (id, title, severity, kind, source, status, level, opened_by) values (?, 'open', 'info', 'application', 'manual', 'open', 1, ?)", open, mark);
        for (UUID incident : List.of(resolved, open)) {
            jdbc.update("insert into incident_snapshots (id, incident_id, taken_at, taken_by, content) values (gen_random_uuid(), ?, now() - interval '100 days', ?, '{}')",
                    incident, mark);
        }
        jdbc.update("insert into maintenance_runs (id, job, trigger, node, started_at, status) values (gen_random_uuid(), 'vacuum', 'manual', ?, now() - interval '400 days', 'succeeded')", mark);
        jdbc.update("insert into maintenance_runs (id, job, trigger, node, started_at, status) values (gen_random_uuid(), 'security-updates', 'scheduled', ?, now() - interval '400 days', 'to-do')", mark);
        jdbc.update("insert into capacity_samples (taken_at, node) values (now() - interval '500 days', ?)", mark);
        // a resolved alert (its transition goes with it), an ended silence, a delivered notification: 3 more rows, 14 in all
        UUID oldAlert = UUID.randomUUID();
        UUID stillOpen = UUID.randomUUID();
        for (UUID alert : List.of(oldAlert, stillOpen)) {
            boolean resolvedAlert = alert.equals(oldAlert);
            jdbc.update("""
                    insert into alert_episodes (id, rule, instance, series, labels, severity, summary, state, value, started_at, resolved_at, seen_at)
                    values (?, 'HighLatency', ?, ?, '{}', 'warning', 's', ?, 3, now() - interval '400 days', ?, now() - interval '400 days')""",
                    alert, mark, mark + alert, resolvedAlert ? "resolved" : "pending",
                    resolvedAlert ? java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(399))) : null);
            jdbc.update("insert into alert_transitions (episode_id, rule, instance, state, value, at) values (?, 'HighLatency', ?, 'pending', 3, now() - interval '400 days')",
                    alert, mark);
        }
        jdbc.update("insert into alert_silences (id, rule, until, reason, created_by, created_at) values (gen_random_uuid(), 'HighLatency', now() - interval '400 days', 'old', ?, now() - interval '401 days')", mark);
        // a delivered notification goes; one waiting for its retry tomorrow stays (the live sender leaves it alone until then)
        for (String status : List.of("sent", "pending")) {
            jdbc.update("""
                    insert into incident_notifications (id, incident_id, level, contact_role, channel, target, subject, body, status, next_attempt_at, created_at)
                    values (gen_random_uuid(), ?, 1, ?, 'email', 'ops@nexusai.fr', 's', 'b', ?, now() + interval '1 day', now() - interval '100 days')""",
                    resolved, mark, status);
        }
        // newer than the settings (or not finished with): these stay
        jdbc.update("insert into security_events (occurred_at, type, username) values (now() - interval '300 days', 'LOGIN_OK', ?)", mark);
        jdbc.update("""
                insert into outbox_events (event_id, type, aggregate_type, aggregate_id, occurred_at, payload, published_at)
                values (gen_random_uuid(), 'test.recent', 'test', ?, now() - interval '30 days', '{}', now() - interval '6 days')""", mark);
        jdbc.update("insert into capacity_samples (taken_at, node) values (now() - interval '300 days', ?)", mark);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("select count(*) from security_events where username = ?", Integer.class, mark)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from events where aggregate_id = ?", Integer.class, mark)).isZero();
            assertThat(jdbc.queryForList("select type from outbox_events where aggregate_id = ?", String.class, mark)).containsExactly("test.recent");
            assertThat(jdbc.queryForObject("select count(*) from ai_messages where conversation_id = ?", Integer.class, oldConversation)).isZero();
            assertThat(jdbc.queryForList("select incident_id from incident_snapshots where taken_by = ?", UUID.class, mark)).containsExactly(open);
            assertThat(jdbc.queryForList("select status from maintenance_runs where node = ?", String.class, mark)).containsExactly("to-do");
            assertThat(jdbc.queryForObject("select count(*) from capacity_samples where node = ?", Integer.class, mark)).isEqualTo(1);
            assertThat(jdbc.queryForList("select state from alert_episodes where instance = ?", String.class, mark)).containsExactly("pending");
            assertThat(jdbc.queryForList("select episode_id from alert_transitions where instance = ?", UUID.class, mark)).containsExactly(stillOpen);
            assertThat(jdbc.queryForObject("select count(*) from alert_silences where created_by = ?", Integer.class, mark)).isZero();
            assertThat(jdbc.queryForList("select status from incident_notifications where contact_role = ?", String.class, mark))
                    .containsExactly("pending");
            // nothing else in this class is that old: what every retention run deleted adds up to these 14 rows. The run
            // that deleted them records its summary after its deletes commit: it is waited for with them
            assertThat(deletedByRetention()).isEqualTo(14);
        });
        List<String> summaries = jdbc.queryForList("select summary from maintenance_runs where job = 'retention' and status = 'succeeded'", String.class);
        assertThat(summaries).anySatisfy(summary -> assertThat(summary).containsPattern("security_events [1-3] \\(older than 365 d\\)"));
        List<Map<String, Object>> perOccurrence = jdbc.queryForList("""
                select floor(extract(epoch from started_at) / 2) as occurrence, count(*) as runs
                from maintenance_runs where job = 'retention' and trigger = 'scheduled' group by 1""");
        assertThat(perOccurrence).isNotEmpty().allSatisfy(row -> assertThat(((Number) row.get("runs")).intValue()).as(row.toString()).isEqualTo(1));
    }

    /** The rows the finished retention runs say they deleted, summed ("11 rows deleted: ..."). */
    private long deletedByRetention() {
        return jdbc.queryForList("select summary from maintenance_runs where job = 'retention' and status = 'succeeded'", String.class).stream()
                .mapToLong(summary -> Long.parseLong(summary.substring(0, summary.indexOf(" rows deleted")))).sum();
    }
}
