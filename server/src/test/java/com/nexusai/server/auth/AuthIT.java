package com.nexusai.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.nexusai.server.support.EmbeddedTestSettings;
import com.nexusai.server.support.Http;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Authentication and authorization against the real server, over TLS (guide §4.1: PKCS12 keystore
 * made by keytool), with the embedded PostgreSQL and Redis behind it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nexusai.security.login-throttle.max-failures-per-address=1000",
        "logging.level.org.springframework.security=DEBUG", "logging.level.com.nexusai=DEBUG"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AuthIT {

    private static final String STORE_PASSWORD = "keystore-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void tlsAndEmbedded(DynamicPropertyRegistry registry) throws Exception {
        Path keystore = Files.createTempDirectory("nexusai-tls").resolve("nexusai.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "nexusai", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-validity", "365", "-dname", "CN=localhost,O=NexusAI,L=Paris,C=FR",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", keystore::toString);
        registry.add("server.ssl.key-store-password", () -> STORE_PASSWORD);
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("nexusai.test.keystore", keystore::toString);
        Path secretFile = keystore.resolveSibling("jwt-secret");
        Files.writeString(secretFile, com.nexusai.server.platform.Secrets.randomToken(64));
        registry.add("nexusai.security.jwt.secret-file", secretFile::toString);
        registry.add("nexusai.security.jwt.key-refresh", () -> "1s");
        EmbeddedTestSettings.register(registry, dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JwtKeyRing keys;

    @Autowired
    org.springframework.core.env.Environment environment;

    Http http;
    String adminPassword;
    String admin;

    @BeforeEach
    void signIn() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(environment.getProperty("nexusai.test.keystore")))) {
            trust.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trustManagers.getTrustManagers(), null);
        http = new Http("https://localhost:" + port, ssl);
        adminPassword = Files.readString(dir.resolve("secrets/admin-password")).strip();
        admin = http.accessToken("admin", adminPassword);
    }

    private String createUser(String username, String password, String... roles) throws Exception {
        HttpResponse<String> created = http.post("/api/admin/users",
                Http.toJson(Map.of("username", username, "password", password, "roles", List.of(roles))), admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode listed = Http.json(http.get("/api/admin/users", admin));
        assertThat(listed.valueStream().map(u -> u.path("username").asString() + " " + u.path("roles").toString()))
                .contains(username + " " + Http.toJson(List.of(roles)));
        return http.accessToken(username, password);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- the whole cycle ----

    @Test
    void theServersCertificateEndIsAMetricForTheExpiryRule() throws Exception {
        HttpResponse<String> metrics = http.get("/actuator/prometheus", admin);
        assertThat(metrics.statusCode()).isEqualTo(200);
        String line = metrics.body().lines().filter(l -> l.startsWith("nexusai_tls_certificate_expiry_timestamp_seconds{")
                && l.contains("source=\"server\"")).findFirst().orElseThrow(() -> new AssertionError("no server certificate in the metrics"));
        assertThat(line).contains("subject=\"CN=localhost,O=NexusAI,L=Paris,C=FR\"");
        double end = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(end).as("keytool's -validity 365").isBetween((double) java.time.Instant.now().plus(java.time.Duration.ofDays(364)).getEpochSecond(),
                (double) java.time.Instant.now().plus(java.time.Duration.ofDays(366)).getEpochSecond());
    }

    @Test
    void overTlsLoginGivesTokensThatWorkAndRefreshRotatesThem() throws Exception {
        JsonNode login = http.login("admin", adminPassword);
        assertThat(login.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.path("expiresIn").asLong()).isEqualTo(86400);
        assertThat(login.path("refreshExpiresIn").asLong()).isEqualTo(604800);
        HttpResponse<String> me = http.get("/api/users/me", login.path("accessToken").asString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Http.json(me).path("roles").get(0).asString()).isEqualTo("ADMIN");

        HttpResponse<String> refreshed = http.post("/api/auth/refresh",
                Http.toJson(Map.of("refreshToken", login.path("refreshToken").asString())), null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode second = Http.json(refreshed);
        assertThat(second.path("refreshToken").asString()).isNotEqualTo(login.path("refreshToken").asString());
        assertThat(http.get("/api/users/me", second.path("accessToken").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void reusingAnOldRefreshTokenRevokesTheWholeFamily() throws Exception {
        JsonNode first = http.login("admin", adminPassword);
        String oldRefresh = first.path("refreshToken").asString();
        JsonNode second = Http.json(http.post("/api/auth/refresh", Http.toJson(Map.of("refreshToken", oldRefresh)), null));

        HttpResponse<String> replay = http.post("/api/auth/refresh", Http.toJson(Map.of("refreshToken", oldRefresh)), null);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(http.post("/api/auth/refresh", Http.toJson(Map.of("refreshToken", second.path("refreshToken").asString())), null)
                .statusCode()).as("the family's newest refresh token").isEqualTo(401);
        assertThat(http.get("/api/users/me", second.path("accessToken").asString()).statusCode())
                .as("the family's access token").isEqualTo(401);
        assertThat(http.get("/api/users/me", admin).statusCode()).as("another session").isEqualTo(200);
        assertThat(Http.json(http.get("/api/admin/audit?type=REFRESH_REUSE", admin)).size()).isPositive();
    }

    @Test
    void logoutRevokesTheAccessAndRefreshTokensOfThatSession() throws Exception {
        JsonNode session = http.login("admin", adminPassword);
        String access = session.path("accessToken").asString();
        assertThat(http.post("/api/auth/logout", null, access).statusCode()).isEqualTo(204);
        assertThat(http.get("/api/users/me", access).statusCode()).isEqualTo(401);
        assertThat(http.post("/api/auth/refresh", Http.toJson(Map.of("refreshToken", session.path("refreshToken").asString())), null)
                .statusCode()).isEqualTo(401);
        assertThat(http.get("/api/users/me", admin).statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get("/api/admin/audit?type=LOGOUT&username=admin", admin)).size()).isPositive();
    }

    @Test
    void rotationMakesANewSigningKeyWhileOldTokensKeepWorking() throws Exception {
        String before = admin;
        String oldKid = header(before).path("kid").asString();
        HttpResponse<String> rotated = http.post("/api/admin/security/jwt/rotate", null, admin);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newKid = Http.json(rotated).path("keyId").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        String after = http.accessToken("admin", adminPassword);
        assertThat(header(after).path("kid").asString()).isEqualTo(newKid);
        assertThat(http.get("/api/users/me", before).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/users/me", after).statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get("/api/admin/audit?type=KEY_ROTATION", admin)).size()).isPositive();
    }

    // ---- who may do what ----

    /**
     * Every endpoint x every caller: the expected status. This table is the documentation of the
     * access rules; "scrape" is the Prometheus scrape token.
     */
    private static final String ACCESS_MATRIX = """
            endpoint                          anonymous ADMIN DEVOPS SUPPORT DEVELOPER USER scrape
            GET /actuator/health                    200   200    200     200       200  200    200
            GET /actuator/prometheus                401   200    200     403       403  403    200
            GET /actuator/metrics                   401   200    200     403       403  403    403
            GET /actuator/info                      401   200    200     403       403  403    403
            GET /api/users/me                       401   200    200     200       200  200    401
            GET /api/admin/users                    401   200    403     403       403  403    401
            GET /api/admin/audit                    401   200    403     403       403  403    401
            GET /api/admin/security/jwt             401   200    403     403       403  403    401
            POST /api/admin/security/jwt/rotate     401   200    403     403       403  403    401
            GET /api/admin/kafka/lag                401   200    403     403       403  403    401
            GET /api/events                         401   200    200     403       403  403    401
            GET /api/files                          401   200    200     200       200  200    401
            GET /api/ai/conversations               401   200    200     200       200  200    401
            GET /api/ai/generations                 401   200    200     200       200  200    401
            GET /api/incidents                      401   200    200     200       200  403    401
            GET /api/contacts                       401   200    200     200       200  403    401
            GET /api/diagnostics/threads            401   200    200     403       200  403    401
            GET /api/diagnostics/loggers/root       401   200    200     200       200  403    401
            GET /api/admin/maintenance              401   200    200     403       403  403    401
            GET /api/maintenance/windows            401   200    200     200       200  200    401
            GET /api/admin/backups                  401   200    403     403       403  403    401
            GET /v3/api-docs                        401   200    200     403       403  403    401
            """;

    @Test
    void theAccessMatrixHoldsForEveryEndpointAndRole() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("anonymous", null);
        tokens.put("ADMIN", admin);
        for (String role : List.of("DEVOPS", "SUPPORT", "DEVELOPER", "USER")) {
            tokens.put(role, createUser(unique(role.toLowerCase(java.util.Locale.ROOT)), "matrix-password-1", role));
        }
        tokens.put("scrape", Files.readString(dir.resolve("secrets/scrape-token")).strip());
        List<String> lines = ACCESS_MATRIX.lines().filter(l -> !l.isBlank()).toList();
        List<String> callers = List.of(lines.getFirst().trim().split("\\s+")).subList(1, 8);
        List<String> mismatches = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            String method = cells[0];
            String path = cells[1];
            for (int i = 0; i < callers.size(); i++) {
                String token = tokens.get(callers.get(i));
                HttpResponse<String> response = method.equals("GET") ? http.get(path, token) : http.post(path, null, token);
                if (response.statusCode() != Integer.parseInt(cells[i + 2])) {
                    mismatches.add(method + " " + path + " as " + callers.get(i) + ": expected " + cells[i + 2] + ", got "
                            + response.statusCode());
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theApiDescriptionGivesEveryOperationASummaryAndItsErrorAnswers() throws Exception {
        HttpResponse<String> response = http.get("/v3/api-docs", admin);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = Http.json(response);
        assertThat(api.at("/info/title").asString()).isEqualTo("NexusAI server API");
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        List<String> faults = new ArrayList<>();
        int operations = 0;
        for (var path : api.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                JsonNode operation = entry.getValue();
                String name = entry.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                operations++;
                if (operation.path("summary").asString().isBlank()) {
                    faults.add(name + ": no summary");
                }
                JsonNode responses = operation.path("responses");
                boolean open = path.getKey().equals("/api/auth/login") || path.getKey().equals("/api/auth/refresh");
                List<String> expected = new ArrayList<>(List.of("503"));
                if (!open) {
                    expected.addAll(List.of("401", "403"));
                }
                boolean pathVariable = false;
                for (JsonNode parameter : operation.path("parameters")) {
                    pathVariable |= parameter.path("in").asString().equals("path");
                }
                if (pathVariable) {
                    expected.addAll(List.of("400", "404"));
                }
                if (operation.has("requestBody")) {
                    expected.add("400");
                }
                for (String status : expected) {
                    if (!responses.path(status).path("content").has("application/problem+json")) {
                        faults.add(name + ": no " + status + " problem answer");
                    }
                }
                if (open && responses.has("401")) {
                    faults.add(name + ": anyone may call it, yet it lists 401");
                }
            }
        }
        assertThat(operations).as("operations described").isGreaterThanOrEqualTo(70);
        assertThat(faults).isEmpty();
        assertThat(api.at("/paths/~1api~1incidents~1{id}~1escalate/post/summary").asString()).isEqualTo("Escalates an incident to the next level");
    }

    @Test
    void aNewSecretInTheSecretFileTakesOverWithoutRestartAndOldTokensStayValid() throws Exception {
        String before = http.accessToken("admin", adminPassword);
        String oldFingerprint = header(before).path("kid").asString().split("\\.")[0];
        Path secretFile = Path.of(environment.getProperty("nexusai.security.jwt.secret-file"));
        Files.writeString(secretFile, com.nexusai.server.platform.Secrets.randomToken(64));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                !header(http.accessToken("admin", adminPassword)).path("kid").asString().startsWith(oldFingerprint + "."));
        String after = http.accessToken("admin", adminPassword);
        assertThat(http.get("/api/users/me", after).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/users/me", before).statusCode()).as("a token signed with the previous secret").isEqualTo(200);
    }

    // ---- hostile tokens: all 401, never 500 ----

    @Test
    void everyKindOfBadTokenIsRefusedWith401() throws Exception {
        Instant now = Instant.now();
        String kid = keys.signingKey().getKeyID();
        byte[] key = keys.signingKey().toByteArray();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alg none", new PlainJWT(claims("admin", now, now.plusSeconds(600)).build()).serialize());
        tokens.put("wrong key", sign(claims("admin", now, now.plusSeconds(600)).build(), kid, new byte[32]));
        tokens.put("unknown key id", sign(claims("admin", now, now.plusSeconds(600)).build(), "nope.99", key));
        tokens.put("expired", sign(claims("admin", now.minusSeconds(7200), now.minusSeconds(3600)).build(), kid, key));
        tokens.put("not yet valid", sign(claims("admin", now, now.plusSeconds(7200)).notBeforeTime(Date.from(now.plusSeconds(3600))).build(), kid, key));
        tokens.put("no session", sign(claims("admin", now, now.plusSeconds(600)).claim("sid", null).build(), kid, key));
        tokens.put("other issuer", sign(claims("admin", now, now.plusSeconds(600)).issuer("evil").build(), kid, key));
        tokens.put("not an access token", sign(claims("admin", now, now.plusSeconds(600)).claim("typ", "refresh").build(), kid, key));
        String[] parts = http.accessToken("admin", adminPassword).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"ADMIN\"", "\"ADMIN\",\"DEVOPS\"");
        tokens.put("tampered payload", parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2]);
        tokens.put("garbage", "not.a.token");
        tokens.put("empty parts", "..");
        tokens.put("large", "a".repeat(6_000));

        for (Map.Entry<String, String> token : tokens.entrySet()) {
            HttpResponse<String> response = http.get("/api/users/me", token.getValue());
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertThat(response.body()).as(token.getKey()).contains("\"status\":401").doesNotContain("Exception");
        }
        // past Tomcat's 8 KB header limit the request is refused before any code of ours runs
        assertThat(http.get("/api/users/me", "a".repeat(20_000)).statusCode()).isEqualTo(400);
    }

    @Test
    void theTokenOfADisabledUserIsRefusedAndTheUserCannotSignIn() throws Exception {
        String name = unique("leaver");
        String token = createUser(name, "leaver-password-1", "SUPPORT");
        assertThat(http.get("/api/users/me", token).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/admin/users/" + name + "/disable", null, admin).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/users/me", token).statusCode()).isEqualTo(401);
        assertThat(http.post("/api/auth/login", Http.toJson(Map.of("username", name, "password", "leaver-password-1")), null)
                .statusCode()).isEqualTo(401);
    }

    private static JWTClaimsSet.Builder claims(String subject, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer("nexusai").subject(subject).issueTime(Date.from(issued))
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).claim("typ", "access")
                .claim("sid", UUID.randomUUID().toString()).claim("roles", List.of("ADMIN"));
    }

    private static String sign(JWTClaimsSet claims, String kid, byte[] key) throws Exception {
        byte[] material = key.length >= 32 ? key : new byte[32];
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(material));
        return jwt.serialize();
    }

    private static JsonNode header(String token) {
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    }

    // ---- users, roles, passwords ----

    @Test
    void changingRolesVoidsTheUsersTokensAndTheNewOnesCarryTheNewRoles() throws Exception {
        String name = unique("mover");
        String token = createUser(name, "mover-password-1", "SUPPORT");
        assertThat(http.get("/api/admin/users", token).statusCode()).isEqualTo(403);
        HttpResponse<String> changed = http.put("/api/admin/users/" + name + "/roles", Http.toJson(Map.of("roles", List.of("ADMIN"))), admin);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(http.get("/api/users/me", token).statusCode()).isEqualTo(401);
        String promoted = http.accessToken(name, "mover-password-1");
        assertThat(http.get("/api/admin/users", promoted).statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get("/api/admin/audit?type=ROLES_CHANGED&username=" + name, admin)).get(0).path("details").asString())
                .isEqualTo("[SUPPORT] -> [ADMIN]");
    }

    @Test
    void aUserChangesTheirOwnPassword() throws Exception {
        String name = unique("changer");
        String token = createUser(name, "first-password-1", "USER");
        assertThat(http.post("/api/users/me/password", Http.toJson(Map.of("currentPassword", "wrong-password-1", "newPassword", "second-password-2")), token)
                .statusCode()).isEqualTo(400);
        assertThat(http.post("/api/users/me/password", Http.toJson(Map.of("currentPassword", "first-password-1", "newPassword", "short")), token)
                .statusCode()).isEqualTo(400);
        assertThat(http.post("/api/users/me/password", Http.toJson(Map.of("currentPassword", "first-password-1", "newPassword", "second-password-2")), token)
                .statusCode()).isEqualTo(204);
        assertThat(http.post("/api/auth/login", Http.toJson(Map.of("username", name, "password", "first-password-1")), null).statusCode()).isEqualTo(401);
        assertThat(http.accessToken(name, "second-password-2")).isNotBlank();
    }

    @Test
    void creatingAUserTwiceIsAConflict() throws Exception {
        String name = unique("twin");
        createUser(name, "twin-password-1", "USER");
        HttpResponse<String> again = http.post("/api/admin/users", Http.toJson(Map.of("username", name, "password", "twin-password-1")), admin);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Http.json(again).path("detail").asString()).contains(name, "already exists");
    }

    // ---- throttling ----

    @Test
    void repeatedFailuresAreThrottledAndTheAnswerNeverTellsWhetherTheUserExists() throws Exception {
        String existing = unique("target");
        createUser(existing, "target-password-1", "USER");
        String missing = unique("ghost");
        List<String> existingBodies = new ArrayList<>();
        List<String> missingBodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> a = http.post("/api/auth/login", Http.toJson(Map.of("username", existing, "password", "bad-" + i)), null);
            HttpResponse<String> b = http.post("/api/auth/login", Http.toJson(Map.of("username", missing, "password", "bad-" + i)), null);
            assertThat(a.statusCode()).isEqualTo(401);
            assertThat(b.statusCode()).isEqualTo(401);
            existingBodies.add(Http.json(a).path("detail").asString());
            missingBodies.add(Http.json(b).path("detail").asString());
        }
        assertThat(existingBodies).isEqualTo(missingBodies);
        for (String name : List.of(existing, missing)) {
            HttpResponse<String> blocked = http.post("/api/auth/login", Http.toJson(Map.of("username", name, "password", "target-password-1")), null);
            assertThat(blocked.statusCode()).as(name).isEqualTo(429);
            assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
        }
        assertThat(Http.json(http.get("/api/admin/audit?type=LOGIN_THROTTLED&username=" + existing, admin)).size()).isPositive();
    }

    // ---- bad input: 4xx with a message ----

    @Test
    void badInputGets4xxWithAMessage() throws Exception {
        HttpResponse<String> malformed = http.post("/api/auth/login", "{\"username\": \"admin\", ", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Http.json(malformed).path("detail").asString()).contains("not the JSON");

        HttpResponse<String> missing = http.post("/api/auth/login", "{\"username\": \"admin\"}", null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.json(missing).path("detail").asString()).contains("password");

        HttpResponse<String> unicode = http.post("/api/admin/users",
                Http.toJson(Map.of("username", "zoë-東京", "password", "unicode-password-1")), admin);
        assertThat(unicode.statusCode()).isEqualTo(400);
        assertThat(Http.json(unicode).path("detail").asString()).contains("username", "letters a-z");

        HttpResponse<String> unknownRole = http.post("/api/admin/users",
                "{\"username\":\"someone\",\"password\":\"someone-password-1\",\"roles\":[\"ROOT\"]}", admin);
        assertThat(unknownRole.statusCode()).isEqualTo(400);

        String huge = "{\"username\":\"admin\",\"password\":\"" + "x".repeat(200_000) + "\"}";
        HttpResponse<String> tooLarge = http.post("/api/auth/login", huge, null);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Http.json(tooLarge).path("detail").asString()).contains("at most");
        HttpResponse<String> chunked = http.send(http.request("/api/auth/login", null).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).as("a chunked body without Content-Length").isEqualTo(413);

        HttpResponse<String> noUser = http.post("/api/admin/users/nobody-here/disable", null, admin);
        assertThat(noUser.statusCode()).isEqualTo(404);
    }

    // ---- secrets never reach the logs ----

    @Test
    void noSecretAppearsInTheLogsOfALoginRefreshRotateCycle(CapturedOutput output) throws Exception {
        JsonNode login = http.login("admin", adminPassword);
        String refresh = login.path("refreshToken").asString();
        JsonNode refreshed = Http.json(http.post("/api/auth/refresh", Http.toJson(Map.of("refreshToken", refresh)), null));
        http.post("/api/auth/refresh", Http.toJson(Map.of("refreshToken", refresh)), null); // a reuse, logged as an event
        assertThat(http.post("/api/admin/security/jwt/rotate", null, admin).statusCode()).isEqualTo(200);
        http.post("/api/auth/login", Http.toJson(Map.of("username", "admin", "password", "a-wrong-password-123")), null);

        String jwtSecret = Files.readString(Path.of(environment.getProperty("nexusai.security.jwt.secret-file"))).strip();
        assertThat(output.getAll()).contains("JWT signing key rotated", "Securing POST /api/auth/refresh")
                .doesNotContain(adminPassword, "a-wrong-password-123", jwtSecret, refresh,
                        refreshed.path("refreshToken").asString(), login.path("accessToken").asString(),
                        refreshed.path("accessToken").asString(), login.path("accessToken").asString().split("\\.")[2]);
    }
}
