package com.nexusai.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import com.nexusai.core.api.NexusClient;
import com.nexusai.core.users.User;
import com.nexusai.core.users.UsersApi;
import com.nexusai.server.support.EmbeddedServerTest;
import org.junit.jupiter.api.Test;

/** The console's typed client of the user API (app-core {@link UsersApi}) against the real server: every call, and the refusals it reports. */
class UsersApiIT extends EmbeddedServerTest {

    private NexusClient signedIn(String username, String password) throws Exception {
        NexusClient client = new NexusClient(URI.create("http://127.0.0.1:" + port), Clock.systemUTC());
        client.login(username, password);
        return client;
    }

    @Test
    void anAdminManagesAUserThroughTheTypedClient() throws Exception {
        UsersApi asAdmin = UsersApi.over(signedIn("admin", Files.readString(dataDir.resolve("secrets/admin-password")).strip()));
        assertThat(asAdmin.me().username()).isEqualTo("admin");
        assertThat(asAdmin.me().roles()).contains("ADMIN");

        String name = "typed-" + UUID.randomUUID().toString().substring(0, 8);
        User created = asAdmin.create(name, PASSWORD, Set.of("SUPPORT"));
        assertThat(created.username()).isEqualTo(name);
        assertThat(created.roles()).containsExactly("SUPPORT");
        assertThat(created.enabled()).isTrue();
        assertThat(created.createdAt()).isNotNull();
        assertThat(asAdmin.list()).extracting(User::username).contains("admin", name);

        NexusClient theUser = signedIn(name, PASSWORD);
        assertThat(UsersApi.over(theUser).me()).isEqualTo(created);
        assertThatThrownBy(() -> UsersApi.over(theUser).list()).as("SUPPORT may not list users")
                .isInstanceOfSatisfying(NexusClient.ApiException.class, refused -> assertThat(refused.status()).isEqualTo(403));

        assertThat(asAdmin.setRoles(name, Set.of("DEVOPS", "SUPPORT")).roles()).containsExactlyInAnyOrder("DEVOPS", "SUPPORT");
        assertThat(UsersApi.over(signedIn(name, PASSWORD)).me().roles()).containsExactlyInAnyOrder("DEVOPS", "SUPPORT");

        assertThat(asAdmin.disable(name).enabled()).isFalse();
        assertThatThrownBy(() -> signedIn(name, PASSWORD)).isInstanceOfSatisfying(NexusClient.ApiException.class,
                refused -> assertThat(refused.status()).isEqualTo(401));
        assertThat(asAdmin.enable(name).enabled()).isTrue();

        NexusClient again = signedIn(name, PASSWORD);
        UsersApi.over(again).changePassword(PASSWORD, "a-new-password-2");
        assertThat(UsersApi.over(signedIn(name, "a-new-password-2")).me().username()).isEqualTo(name);
        assertThatThrownBy(() -> signedIn(name, PASSWORD)).as("the old password no longer works")
                .isInstanceOfSatisfying(NexusClient.ApiException.class, refused -> assertThat(refused.status()).isEqualTo(401));
    }

    @Test
    void aRefusalCarriesTheServersWordsInTheAskedLanguage() throws Exception {
        UsersApi asAdmin = UsersApi.over(signedIn("admin", Files.readString(dataDir.resolve("secrets/admin-password")).strip()));
        String name = "twice-" + UUID.randomUUID().toString().substring(0, 8);
        asAdmin.create(name, PASSWORD, Set.of("SUPPORT"));
        assertThatThrownBy(() -> asAdmin.create(name, PASSWORD, Set.of("SUPPORT")))
                .isInstanceOfSatisfying(NexusClient.ApiException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.getMessage()).contains(name);
                });
        assertThatThrownBy(() -> asAdmin.setRoles("no-such-user-here", Set.of("SUPPORT")))
                .isInstanceOfSatisfying(NexusClient.ApiException.class, refused -> assertThat(refused.status()).isEqualTo(404));
    }
}
