package com.nexusai.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The holes a hostile user found (issue: hardening), each closed: a token forged with the real signing
 * key is still refused, a heap dump is ADMIN's alone, diagnostics never show a secret, SUPPORT does not
 * read thread dumps through an incident, enums by number and user names differing only in case are
 * refused, admin answers show the new state, the current-password check is throttled, one address
 * cannot lock a user out of signing in from another, and a forwarded address counts only from a proxy.
 */
class HardeningIT extends EmbeddedServerTest {

    @Autowired
    JwtKeyRing keys;

    @Autowired
    com.nexusai.server.diagnostics.KnownSecrets secrets;

    // ---- a stolen signing key is not enough ----

    @Test
    void aTokenSignedWithTheRealKeyButNoLiveSessionIsRefused() throws Exception {
        OctetSequenceKey key = keys.signingKey();
        String ghost = forge(key, "nobody-" + UUID.randomUUID().toString().substring(0, 6), UUID.randomUUID().toString(), List.of("ADMIN"));
        assertThat(http.get("/api/admin/users", ghost).statusCode()).isEqualTo(401);

        String developer = newUser("DEVELOPER");
        JsonNode claims = claimsOf(developer);
        String liveSid = claims.path("sid").asString();
        String subject = claims.path("sub").asString();
        String promoted = forge(key, subject, liveSid, List.of("ADMIN"));
        assertThat(http.get("/api/admin/users", promoted).statusCode()).as("someone's live session, more roles").isEqualTo(401);
        String borrowed = forge(key, "admin", liveSid, List.of("ADMIN"));
        assertThat(http.get("/api/admin/users", borrowed).statusCode()).as("someone else's live session").isEqualTo(401);
        assertThat(http.get("/api/users/me", developer).statusCode()).as("the real token still works").isEqualTo(200);
    }

    // ---- heap dumps ----

    @Test
    void aHeapDumpIsAdminOnlyWithAReasonOneAtATimeAndAudited() throws Exception {
        assertThat(http.get("/api/diagnostics/heap?reason=test", newUser("DEVELOPER")).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/diagnostics/heap?reason=test", newUser("DEVOPS")).statusCode()).isEqualTo(403);
        HttpResponse<String> noReason = http.get("/api/diagnostics/heap", admin);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(Http.json(noReason).path("detail").asString()).startsWith("reason:");

        HttpResponse<InputStream> first = http.sendStream(http.request("/api/diagnostics/heap?reason=incident+42", admin).GET());
        try (InputStream body = first.body()) {
            assertThat(first.statusCode()).isEqualTo(200);
            HttpResponse<String> second = http.get("/api/diagnostics/heap?reason=again", admin);
            assertThat(second.statusCode()).as("while the first is still being sent").isEqualTo(429);
            assertThat(body.readNBytes(4)).asString().isEqualTo("JAVA"); // HPROF's header: a real dump
        }
        JsonNode audit = Http.json(http.get("/api/admin/audit?type=HEAP_DUMP", admin));
        assertThat(audit.size()).isEqualTo(1);
        assertThat(audit.get(0).path("actor").asString()).isEqualTo("admin");
        assertThat(audit.get(0).path("details").asString()).isEqualTo("reason: incident 42");
        assertThat(audit.get(0).path("remoteAddress").asString()).isEqualTo("127.0.0.1");
    }

    // ---- secrets never leave through diagnostics ----

    @Test
    void noSecretAppearsInAnyDiagnosticsOutput() throws Exception {
        List<String> planted = secrets.current();
        assertThat(planted).as("the JWT secret, the scrape token, the admin, PostgreSQL, Redis and S3 passwords").hasSizeGreaterThanOrEqualTo(5);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (String secret : planted) {
            LoggerFactory.getLogger("com.nexusai.planted").warn("a careless line holding {}", secret);
            Thread thread = Thread.ofPlatform().name("planted-" + secret).daemon().start(() -> awaitQuietly(release));
            threads.add(thread);
        }
        try {
            HttpResponse<String> incident = http.post("/api/incidents", Http.toJson(Map.of("title", "leak check")), admin);
            String incidentId = Http.json(incident).path("id").asString();
            String snapshotId = Http.json(http.post("/api/incidents/" + incidentId + "/snapshots", null, admin))
                    .path("snapshots").get(0).path("id").asString();
            List<String> outputs = List.of(
                    http.get("/api/diagnostics/threads", admin).body(),
                    http.get("/api/diagnostics/snapshot", admin).body(),
                    http.get("/api/diagnostics/logs?lines=500", admin).body(),
                    http.get("/api/incidents/" + incidentId + "/snapshots/" + snapshotId, admin).body());
            assertThat(outputs.get(0)).contains("planted-[redacted]");
            assertThat(outputs.get(2)).contains("a careless line holding [redacted]");
            for (String output : outputs) {
                for (String secret : planted) {
                    assertThat(output).doesNotContain(secret);
                }
            }

            String support = newUser("SUPPORT");
            JsonNode restricted = Http.json(http.get("/api/incidents/" + incidentId + "/snapshots/" + snapshotId, support));
            assertThat(restricted.has("threadDump")).isFalse();
            assertThat(restricted.path("restricted").asString()).contains("thread dump");
            assertThat(Http.json(http.get("/api/incidents/" + incidentId + "/snapshots/" + snapshotId, admin)).has("threadDump")).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void healthShowsItsComponentsToAdminAndDevopsOnly() throws Exception {
        assertThat(Http.json(http.get("/actuator/health", admin)).has("components")).isTrue();
        assertThat(Http.json(http.get("/actuator/health", newUser("DEVOPS"))).has("components")).isTrue();
        for (String role : List.of("USER", "SUPPORT", "DEVELOPER")) {
            JsonNode health = Http.json(http.get("/actuator/health", newUser(role)));
            assertThat(health.has("status")).isTrue();
            assertThat(health.has("components")).as(role).isFalse();
        }
        assertThat(Http.json(http.get("/actuator/health")).has("components")).isFalse();
    }

    // ---- quieter holes ----

    @Test
    void aRoleIsGivenByNameNeverByNumber() throws Exception {
        HttpResponse<String> numbered = http.post("/api/admin/users",
                Http.toJson(Map.of("username", "numbered-" + UUID.randomUUID().toString().substring(0, 6), "password", "test-password-1",
                        "roles", List.of(1))), admin);
        assertThat(numbered.statusCode()).isEqualTo(400);
        assertThat(Http.json(numbered).path("detail").asString()).startsWith("roles").contains("ADMIN", "DEVOPS", "by name");
    }

    @Test
    void userNamesAreUniqueWhateverTheirCase() throws Exception {
        String name = "Case-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(http.post("/api/admin/users", Http.toJson(Map.of("username", name.toLowerCase(), "password", "test-password-1")), admin)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> upper = http.post("/api/admin/users", Http.toJson(Map.of("username", name.toUpperCase(), "password", "test-password-1")), admin);
        assertThat(upper.statusCode()).isEqualTo(409);
        assertThat(Http.json(upper).path("detail").asString()).startsWith("username:");
    }

    @Test
    void adminAnswersShowTheNewState() throws Exception {
        String name = "state-" + UUID.randomUUID().toString().substring(0, 6);
        http.post("/api/admin/users", Http.toJson(Map.of("username", name, "password", "test-password-1", "roles", List.of("USER"))), admin);
        assertThat(Http.json(http.post("/api/admin/users/" + name + "/disable", null, admin)).path("enabled").asBoolean()).isFalse();
        assertThat(Http.json(http.post("/api/admin/users/" + name + "/enable", null, admin)).path("enabled").asBoolean()).isTrue();
        JsonNode roles = Http.json(http.put("/api/admin/users/" + name + "/roles", Http.toJson(Map.of("roles", List.of("SUPPORT", "DEVOPS"))), admin)).path("roles");
        assertThat(roles.valueStream().map(JsonNode::asString).sorted().toList()).containsExactly("DEVOPS", "SUPPORT");
    }

    @Test
    void theCurrentPasswordCannotBeGuessedWithAStolenToken() throws Exception {
        String token = newUser("USER");
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/api/users/me/password", Http.toJson(Map.of("currentPassword", "guess-" + i, "newPassword", "stolen-password-1")), token)
                    .statusCode()).isEqualTo(400);
        }
        HttpResponse<String> blocked = http.post("/api/users/me/password",
                Http.toJson(Map.of("currentPassword", "test-password-1", "newPassword", "stolen-password-1")), token);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void failuresFromOneAddressDoNotLockOutTheUserElsewhereAndTheAuditHasTheRealAddresses() throws Exception {
        String name = "locked-" + UUID.randomUUID().toString().substring(0, 6);
        http.post("/api/admin/users", Http.toJson(Map.of("username", name, "password", "test-password-1")), admin);
        String attacker = "203.0.113.7";
        String user = "198.51.100.20";
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> failed = login(name, "wrong-" + i, attacker);
            assertThat(failed.statusCode()).isIn(401, 429);
        }
        assertThat(login(name, "test-password-1", attacker).statusCode()).as("the attacker's address is blocked").isEqualTo(429);
        assertThat(login(name, "test-password-1", user).statusCode()).as("the user signs in from elsewhere").isEqualTo(200);

        JsonNode audit = Http.json(http.get("/api/admin/audit?username=" + name + "&limit=100", admin));
        List<String> addresses = audit.valueStream().filter(event -> event.path("type").asString().startsWith("LOGIN_"))
                .map(event -> event.path("remoteAddress").asString()).distinct().toList();
        assertThat(addresses).containsExactlyInAnyOrder(attacker, user);
    }

    private HttpResponse<String> login(String username, String password, String forwardedFor) throws Exception {
        return http.send(http.request("/api/auth/login", null).header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("username", username, "password", password)))));
    }

    private static JsonNode claimsOf(String token) {
        return Http.json(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String forge(OctetSequenceKey key, String subject, String sid, List<String> roles) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("nexusai").subject(subject).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).jwtID(UUID.randomUUID().toString())
                .claim("typ", "access").claim("sid", sid).claim("roles", roles).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(key.toByteArray()));
        return jwt.serialize();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
