package com.nexusai.server.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.EventStream;
import com.nexusai.server.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Incidents, escalation, contacts and diagnostics against the real embedded servers; escalation delays shortened. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nexusai.incidents.escalate-level1-after=2s", "nexusai.incidents.escalate-level2-after=1h", "nexusai.incidents.escalation-check=PT0.5S"})
class IncidentIT extends EmbeddedServerTest {

    private JsonNode open(String token, Map<String, Object> request) throws Exception {
        HttpResponse<String> opened = http.post("/api/incidents", Http.toJson(request), token);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return Http.json(opened);
    }

    private JsonNode details(String token, String id) throws Exception {
        HttpResponse<String> response = http.get("/api/incidents/" + id, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private HttpResponse<String> post(String path, Map<String, Object> body, String token) throws Exception {
        return http.post(path, body == null ? null : Http.toJson(body), token);
    }

    private static List<String> actions(JsonNode details) {
        return details.path("timeline").valueStream().map(e -> e.path("action").asString()).toList();
    }

    @Test
    void supportOpensAndAcknowledgesAndTheSnapshotIsAttached() throws Exception {
        String support = newUser("SUPPORT");
        assertThat(post("/api/incidents", Map.of("title", "API slow"), newUser("USER")).statusCode()).isEqualTo(403);
        assertThat(post("/api/incidents", Map.of("title", " "), support).statusCode()).isEqualTo(400);
        assertThat(post("/api/incidents", Map.of("title", "x", "severity", "apocalyptic"), support).statusCode()).isEqualTo(400);

        JsonNode incident = open(support, Map.of("title", "API answers 502", "severity", "critical"));
        String id = incident.path("id").asString();
        assertThat(incident.path("status").asString()).isEqualTo("open");
        assertThat(incident.path("level").asInt()).isEqualTo(1);
        assertThat(incident.path("source").asString()).isEqualTo("manual");

        JsonNode acknowledged = Http.json(post("/api/incidents/" + id + "/acknowledge", null, support));
        assertThat(acknowledged.path("status").asString()).isEqualTo("acknowledged");
        assertThat(acknowledged.path("assignee").asString()).startsWith("support-");
        assertThat(post("/api/incidents/" + id + "/acknowledge", null, support).statusCode()).isEqualTo(409);
        assertThat(post("/api/incidents/" + id + "/notes", Map.of("text", "502 from the load balancer since 10:02"), support).statusCode())
                .isEqualTo(200);
        assertThat(post("/api/incidents/" + id + "/checklist/1/0", null, support).statusCode()).isEqualTo(200);
        assertThat(post("/api/incidents/" + id + "/checklist/2/0", null, support).statusCode()).as("a level not reached").isEqualTo(400);
        assertThat(post("/api/incidents/" + id + "/checklist/1/7", null, support).statusCode()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(details(support, id).path("snapshots")).isNotEmpty());
        JsonNode details = details(support, id);
        assertThat(actions(details)).startsWith("opened").contains("acknowledged", "note", "checked", "snapshot");
        JsonNode checklist = details.path("checklist");
        assertThat(checklist).hasSize(2);
        assertThat(checklist.get(0).path("fr").asString()).isEqualTo("Vérifier les logs et métriques");
        assertThat(checklist.get(0).path("checked").asBoolean()).isTrue();
        assertThat(checklist.get(0).path("checkedBy").asString()).startsWith("support-");
        assertThat(checklist.get(1).path("checked").asBoolean()).isFalse();
        assertThat(details.path("reachableNow")).as("the ops on-call covers level 1 round the clock")
                .anySatisfy(c -> assertThat(c.path("email").asString()).isEqualTo("ops@nexusai.fr"));
        assertThat(detail(details, "acknowledged")).startsWith("level 1, taken by support-");
        assertThat(details.path("reachability").asString()).endsWith("contact(s) can be reached now");

        JsonNode french = Http.json(http.send(http.request("/api/incidents/" + id, support).header("Accept-Language", "fr").GET()));
        assertThat(detail(french, "acknowledged")).as("the server's own words, in French").startsWith("niveau 1, pris en charge par support-");
        assertThat(detail(french, "snapshot")).startsWith("instantané de diagnostic ").endsWith(" Kio)");
        assertThat(detail(french, "note")).as("a person's words stay as written").isEqualTo("502 from the load balancer since 10:02");
        assertThat(detail(french, "checked")).startsWith("1.0 ");
        assertThat(french.path("reachability").asString()).endsWith("contact(s) joignable(s) maintenant");

        String snapshotId = details.path("snapshots").get(0).path("id").asString();
        HttpResponse<String> download = http.get("/api/incidents/" + id + "/snapshots/" + snapshotId, support);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        JsonNode snapshot = Http.json(download);
        assertThat(snapshot.path("health").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(snapshot.path("health").path("redis").path("status").asString()).isEqualTo("UP");
        assertThat(snapshot.has("threadDump")).as("SUPPORT may not read thread dumps, in a snapshot neither").isFalse();
        assertThat(Http.json(http.get("/api/incidents/" + id + "/snapshots/" + snapshotId, newUser("DEVOPS"))).path("threadDump").asString())
                .contains("java.lang.Thread.State");
        assertThat(snapshot.path("memory").path("heapUsed").asLong()).isPositive();
        assertThat(snapshot.path("garbageCollectors")).isNotEmpty();
        assertThat(snapshot.path("connectionPool").path("max").asInt()).isPositive();
        assertThat(snapshot.path("logLines").isArray()).isTrue();
        assertThat(snapshot.path("backups").isArray()).isTrue();
    }

    @Test
    void levelsClimbByHandForDevOpsAndTheChecklistsFollow() throws Exception {
        String support = newUser("SUPPORT");
        String devops = newUser("DEVOPS");
        String id = open(support, Map.of("title", "Kafka lag growing", "kind", "application")).path("id").asString();
        post("/api/incidents/" + id + "/acknowledge", null, support);
        assertThat(post("/api/incidents/" + id + "/escalate", Map.of("text", "need DevOps"), support).statusCode()).isEqualTo(403);

        JsonNode level2 = Http.json(post("/api/incidents/" + id + "/escalate", Map.of("text", "consumers stuck"), devops));
        assertThat(level2.path("level").asInt()).isEqualTo(2);
        assertThat(level2.path("status").asString()).isEqualTo("escalated");
        assertThat(level2.path("assignee").isNull()).isTrue();
        assertThat(details(devops, id).path("checklist").valueStream().map(i -> i.path("en").asString()).toList())
                .containsExactly("Check the logs and metrics", "Restart if needed", "Deep analysis", "Scaling / rollback");
        assertThat(Http.json(post("/api/incidents/" + id + "/escalate", null, devops)).path("level").asInt()).isEqualTo(3);
        assertThat(post("/api/incidents/" + id + "/escalate", null, devops).statusCode()).as("no level 4").isEqualTo(409);
        assertThat(post("/api/incidents/" + id + "/resolve", Map.of("text", " "), devops).statusCode()).isEqualTo(400);
        JsonNode resolved = Http.json(post("/api/incidents/" + id + "/resolve", Map.of("text", "consumer restarted, hotfix 1.4.2"), devops));
        assertThat(resolved.path("status").asString()).isEqualTo("resolved");
        assertThat(post("/api/incidents/" + id + "/notes", Map.of("text", "late"), support).statusCode()).isEqualTo(200);
        assertThat(post("/api/incidents/" + id + "/acknowledge", null, support).statusCode()).isEqualTo(409);
        assertThat(actions(details(support, id))).containsSubsequence("opened", "acknowledged", "escalated", "escalated", "resolved", "note");

        List<String> openIds = Http.json(http.get("/api/incidents?status=resolved", support)).valueStream().map(i -> i.path("id").asString()).toList();
        assertThat(openIds).contains(id);
    }

    @Test
    void anUnacknowledgedIncidentClimbsByItselfAndAnAcknowledgedOneDoesNot() throws Exception {
        String support = newUser("SUPPORT");
        String ignored = open(support, Map.of("title", "Disk 85% on app2", "kind", "infrastructure")).path("id").asString();
        String handled = open(support, Map.of("title", "Disk 82% on app3", "kind", "infrastructure")).path("id").asString();
        post("/api/incidents/" + handled + "/acknowledge", null, support);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(details(support, ignored).path("incident").path("level").asInt()).isEqualTo(2));
        JsonNode climbed = details(support, ignored);
        assertThat(climbed.path("timeline").valueStream().filter(e -> e.path("action").asString().equals("escalated")).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.path("actor").asString()).isEqualTo("escalation");
                    assertThat(e.path("detail").asString()).contains("not acknowledged");
                });
        assertThat(details(support, handled).path("incident").path("level").asInt()).isEqualTo(1);
    }

    @Test
    void anAlertOpensOneIncidentWhileItIsUnresolved() throws Exception {
        String devops = newUser("DEVOPS");
        Map<String, Object> alert = Map.of("title", "HighLatency on app1", "severity", "warning", "source", "alert:HighLatency@app1:8080");
        String first = open(devops, alert).path("id").asString();
        HttpResponse<String> again = post("/api/incidents", alert, devops);
        assertThat(Http.json(again).path("id").asString()).isEqualTo(first);
        post("/api/incidents/" + first + "/resolve", Map.of("text", "GC tuned"), devops);
        assertThat(open(devops, alert).path("id").asString()).as("firing again after the fix").isNotEqualTo(first);
    }

    @Test
    void contactsAreDataTheAdminEditsAndTheIncidentSaysWhenNobodyCanBeReached() throws Exception {
        String support = newUser("SUPPORT");
        JsonNode contacts = Http.json(http.get("/api/contacts", support));
        assertThat(contacts.valueStream().map(c -> c.path("email").asString()).toList())
                .containsExactlyInAnyOrder("ops@nexusai.fr", "dev@nexusai.fr", "security@nexusai.fr", "dba@nexusai.fr");
        JsonNode leadDev = contacts.valueStream().filter(c -> c.path("role").asString().equals("Lead Dev")).findFirst().orElseThrow();
        String leadDevId = leadDev.path("id").asString();

        // hours that exclude now in Paris: the level-3 application incident then has nobody to call
        boolean morning = LocalTime.now(ZoneId.of("Europe/Paris")).getHour() < 12;
        String start = morning ? "20:00" : "05:00";
        String end = morning ? "21:00" : "06:00";
        Map<String, Object> edited = Map.of("role", "Lead Dev", "email", "dev@nexusai.fr", "days", "MON-SUN", "startTime", start,
                "endTime", end, "levels", List.of(3), "kinds", List.of("application"));
        assertThat(http.put("/api/admin/contacts/" + leadDevId, Http.toJson(edited), support).statusCode()).isEqualTo(403);
        HttpResponse<String> saved = http.put("/api/admin/contacts/" + leadDevId, Http.toJson(edited), admin);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        try {
            String devops = newUser("DEVOPS");
            String id = open(support, Map.of("title", "NullPointerException in /api/files")).path("id").asString();
            post("/api/incidents/" + id + "/escalate", null, devops);
            post("/api/incidents/" + id + "/escalate", null, devops);
            JsonNode details = details(support, id);
            assertThat(details.path("incident").path("level").asInt()).isEqualTo(3);
            assertThat(details.path("reachableNow")).isEmpty();
            assertThat(details.path("reachability").asString()).startsWith("Nobody who covers level 3 (application) can be reached now")
                    .contains("Lead Dev <dev@nexusai.fr>");
        } finally {
            http.put("/api/admin/contacts/" + leadDevId, Http.toJson(Map.of("role", "Lead Dev", "email", "dev@nexusai.fr", "days", "MON-FRI",
                    "startTime", "09:00", "endTime", "18:00", "levels", List.of(3), "kinds", List.of("application"))), admin);
        }
        HttpResponse<String> bad = http.put("/api/admin/contacts/" + leadDevId, Http.toJson(Map.of("role", "Lead Dev", "email", "dev@nexusai.fr",
                "days", "weekdays", "startTime", "09:00", "endTime", "18:00", "levels", List.of(3), "kinds", List.of("application"))), admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).path("detail").asString()).contains("MON-FRI");
    }

    @Test
    void diagnosticsFollowTheLevels() throws Exception {
        String support = newUser("SUPPORT");
        String devops = newUser("DEVOPS");
        String developer = newUser("DEVELOPER");
        assertThat(http.get("/api/diagnostics/threads", support).statusCode()).isEqualTo(403);
        HttpResponse<String> threads = http.get("/api/diagnostics/threads", devops);
        assertThat(threads.statusCode()).isEqualTo(200);
        assertThat(threads.body()).contains("java.lang.Thread.State");

        assertThat(http.get("/api/diagnostics/heap?reason=probe", devops).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/diagnostics/heap?reason=probe", developer).statusCode()).as("a heap dump holds every secret").isEqualTo(403);
        HttpResponse<InputStream> heap = http.sendStream(http.request("/api/diagnostics/heap?reason=probe", admin).GET());
        assertThat(heap.statusCode()).isEqualTo(200);
        try (InputStream in = heap.body()) {
            assertThat(new String(in.readNBytes(18), StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
        }

        assertThat(post("/api/diagnostics/loggers/com.nexusai.probe", Map.of("level", "DEBUG"), support).statusCode()).isEqualTo(403);
        assertThat(post("/api/diagnostics/loggers/com.nexusai.probe", Map.of("level", "LOUD"), developer).statusCode()).isEqualTo(400);
        try (EventStream follow = new EventStream(http.sendStream(http.request(
                "/api/diagnostics/logs?level=WARN&q=com.nexusai.probe&lines=0&follow=true", support).GET()))) {
            JsonNode set = Http.json(post("/api/diagnostics/loggers/com.nexusai.probe", Map.of("level", "DEBUG"), developer));
            assertThat(set.path("configuredLevel").asString()).isEqualTo("DEBUG");
            EventStream.Event line = follow.next();
            assertThat(line.name()).isEqualTo("line");
            assertThat(line.data()).contains("WARN").contains("Logger com.nexusai.probe set to DEBUG by developer-");
        }
        HttpResponse<String> last = http.get("/api/diagnostics/logs?level=WARN&q=com.nexusai.probe&lines=10", support);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.body()).contains("set to DEBUG");
        assertThat(http.get("/api/diagnostics/logs?level=LOUD", support).statusCode()).isEqualTo(400);
        assertThat(Http.json(post("/api/diagnostics/loggers/com.nexusai.probe", Map.of("level", ""), developer)).path("configuredLevel").asString())
                .isEqualTo("null");
    }

    /** The detail of the first timeline entry with {@code action}. */
    private static String detail(JsonNode details, String action) {
        return details.path("timeline").valueStream().filter(e -> e.path("action").asString().equals(action)).findFirst().orElseThrow()
                .path("detail").asString();
    }
}
