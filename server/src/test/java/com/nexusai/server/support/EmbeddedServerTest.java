package com.nexusai.server.support;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nexusai.core.api.NexusClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A test class against the whole server in embedded mode: its own data directory and free ports, a
 * client, and the first admin signed in. The context is closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
public abstract class EmbeddedServerTest {

    /** The password of every user {@link #newUser} makes. */
    protected static final String PASSWORD = "test-password-1";

    @TempDir
    protected static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        EmbeddedTestSettings.register(registry, dataDir);
    }

    @LocalServerPort
    protected int port;

    protected Http http;
    protected String admin;

    @BeforeEach
    void signInAsAdmin() throws Exception {
        http = new Http("http://127.0.0.1:" + port);
        admin = http.accessToken("admin", Files.readString(dataDir.resolve("secrets/admin-password")).strip());
    }

    /** Creates a user with {@code role} (named after it, plus a random suffix) and returns an access token of theirs. */
    protected String newUser(String role) throws Exception {
        return http.accessToken(newUserNamed(role), PASSWORD);
    }

    /** Creates a user with {@code role} and returns the console's client, signed in as them. */
    protected NexusClient newClient(String role) throws Exception {
        NexusClient client = new NexusClient(URI.create("http://127.0.0.1:" + port), Clock.systemUTC());
        client.login(newUserNamed(role), PASSWORD);
        return client;
    }

    private String newUserNamed(String role) throws Exception {
        String name = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http.post("/api/admin/users",
                Http.toJson(Map.of("username", name, "password", PASSWORD, "roles", List.of(role))), admin);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating " + name + " answered " + created.statusCode() + ": " + created.body());
        }
        return name;
    }
}
