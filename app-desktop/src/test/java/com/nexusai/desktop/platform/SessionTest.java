package com.nexusai.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

    @Test
    void theRefreshTokenIsKeptForTheUserAloneAndNeverAPassword(@TempDir Path home) throws Exception {
        Session session = new Session(home.resolve("console/session.properties"));
        assertThat(session.read()).isEmpty();
        session.save("http://app1:8080/", "token-1");
        session.save("http://app1:8080/", "token-2");
        assertThat(session.read()).contains(new Session.Remembered("http://app1:8080/", "token-2"));
        Path file = home.resolve("console/session.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContainIgnoringCase("password=");
        session.forget();
        assertThat(session.read()).isEmpty();
    }
}
