package com.nexusai.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;

import com.nexusai.core.api.Grants;
import com.nexusai.core.api.Permission;
import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import org.junit.jupiter.api.Test;

/**
 * The console disables what the signed-in role would be refused, from app-core's {@link Permission} table: this
 * holds that table to the server's rules. For every role and permission a harmless request (an unknown id, a bad
 * value, a wrong method) is refused with 403 exactly when the table says the role lacks the permission.
 */
class PermissionsIT extends EmbeddedServerTest {

    private interface Probe {
        int status(String token) throws Exception;
    }

    private final Map<Permission, Probe> probes = new EnumMap<>(Map.of(
            Permission.HANDLE_INCIDENTS, token -> http.get("/api/incidents", token).statusCode(),
            Permission.ESCALATE_INCIDENTS, token -> http.post("/api/incidents/0/escalate", "{}", token).statusCode(),
            Permission.READ_METRICS, token -> http.get("/actuator/prometheus", token).statusCode(),
            Permission.TAKE_THREAD_DUMPS, token -> http.get("/api/diagnostics/threads", token).statusCode(),
            Permission.SET_LOG_LEVELS, token -> http.post("/api/diagnostics/loggers/com.nexusai.probe", "{\"level\":\"LOUD\"}", token).statusCode(),
            Permission.DOWNLOAD_HEAP_DUMPS, token -> http.get("/api/diagnostics/heap", token).statusCode(), // no reason: 400 when allowed
            Permission.RUN_MAINTENANCE, token -> http.post("/api/admin/maintenance/no-such-job/run", "{}", token).statusCode(),
            Permission.MANAGE_BACKUPS, token -> http.get("/api/admin/backups?limit=1", token).statusCode(),
            Permission.RUN_PREFLIGHT, token -> http.send(http.request("/api/admin/preflight", token).DELETE()).statusCode()));

    @Test
    void everyRoleIsRefusedExactlyWhatTheConsolesTableDenies() throws Exception {
        assertThat(probes.keySet()).as("a probe for every permission").containsExactlyInAnyOrder(Permission.values());
        for (Role role : Role.values()) {
            String token = newUser(role.name());
            Grants grants = Grants.ofAccessToken(token);
            assertThat(grants.roles()).as("the console reads the role from the token").containsExactly(role.name());
            for (Permission permission : Permission.values()) {
                int status = probes.get(permission).status(token);
                assertThat(status).as("%s %s: %s", role, permission, status).isNotIn(401, 500);
                assertThat(status == 403).as("%s refused %s (HTTP %s)", role, permission, status).isEqualTo(!grants.allow(permission));
            }
        }
    }

    @Test
    void refusalsAreSaidInTheLanguageTheClientAsksFor() throws Exception {
        String support = newUser("SUPPORT");
        var forbidden = http.send(http.request("/api/admin/backups", support).header("Accept-Language", "fr-CA,fr;q=0.9").GET());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Http.json(forbidden).path("detail").asString()).isEqualTo("Votre rôle ne permet pas cette opération");
        assertThat(Http.json(http.get("/api/admin/backups", support)).path("detail").asString()).as("no header: English")
                .isEqualTo("Your role does not allow this operation");

        var badPassword = http.send(http.request("/api/auth/login", null).header("Accept-Language", "fr")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody-here\",\"password\":\"wrong-password-1\"}")));
        assertThat(badPassword.statusCode()).isEqualTo(401);
        assertThat(badPassword.headers().firstValue("Content-Language")).hasValue("fr");
        assertThat(Http.json(badPassword).path("detail").asString()).isEqualTo("Nom d’utilisateur ou mot de passe incorrect");

        var noTitle = http.send(http.request("/api/incidents", support).header("Accept-Language", "fr").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\" \",\"severity\":\"critical\"}")));
        assertThat(noTitle.statusCode()).isEqualTo(400);
        assertThat(Http.json(noTitle).path("detail").asString()).as("the field's name stays as the request spells it")
                .isEqualTo("title : dites ce qui ne va pas, en 1 à 200 caractères");
        var notANumber = http.send(http.request("/api/incidents?limit=many", support).header("Accept-Language", "fr").GET());
        assertThat(Http.json(notANumber).path("detail").asString()).isEqualTo("limit : nombre non valide");
        assertThat(Http.json(http.get("/api/incidents?limit=many", support)).path("detail").asString()).isEqualTo("limit: not a valid number");

        var noToken = http.send(http.request("/api/incidents", null).header("Accept-Language", "fr").GET());
        assertThat(Http.json(noToken).path("detail").asString()).startsWith("Connectez-vous d’abord");
    }
}
