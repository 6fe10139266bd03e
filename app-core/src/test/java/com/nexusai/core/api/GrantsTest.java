package com.nexusai.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GrantsTest {

    private static String token(String payload) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".signature";
    }

    @Test
    void theRolesComeFromTheTokensRolesClaim() {
        Grants support = Grants.ofAccessToken(token("{\"sub\":\"amelie\",\"roles\":[\"SUPPORT\"]}"));

        assertThat(support.roles()).containsExactly("SUPPORT");
        assertThat(support.allow(Permission.HANDLE_INCIDENTS)).isTrue();
        assertThat(support.allow(Permission.ESCALATE_INCIDENTS)).isFalse();
        assertThat(support.allow(Permission.MANAGE_BACKUPS)).isFalse();
    }

    @Test
    void anyOfSeveralRolesGrants() {
        Grants both = Grants.ofAccessToken(token("{\"roles\":[\"SUPPORT\",\"DEVELOPER\"]}"));

        assertThat(both.allow(Permission.SET_LOG_LEVELS)).isTrue();
        assertThat(both.allow(Permission.RUN_MAINTENANCE)).isFalse();
        assertThat(both.sortedRoles()).containsExactly("DEVELOPER", "SUPPORT");
    }

    @Test
    void somethingThatIsNotATokenGrantsNothing() {
        assertThat(Grants.ofAccessToken(null).roles()).isEmpty();
        assertThat(Grants.ofAccessToken("not-a-token").roles()).isEmpty();
        assertThat(Grants.ofAccessToken("a.%%%.c").roles()).isEmpty();
        assertThat(Grants.ofAccessToken(token("{\"sub\":\"x\"}")).allow(Permission.HANDLE_INCIDENTS)).isFalse();
    }

    @Test
    void everythingAllowsEveryPermission() {
        for (Permission permission : Permission.values()) {
            assertThat(Grants.everything().allow(permission)).as(permission.name()).isTrue();
        }
        assertThat(new Grants(Set.of("USER")).allow(Permission.HANDLE_INCIDENTS)).isFalse();
    }
}
