package com.nexusai.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondServerCannotUseALockedDirectoryAndIsToldWhoHasIt() {
        Path dir = tmp.resolve("data");
        try (DataDirectory first = DataDirectory.open(dir)) {
            assertThatThrownBy(() -> DataDirectory.open(dir))
                    .isInstanceOfSatisfying(DataDirectoryInUseException.class, e -> {
                        assertThat(e.ownerPid()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
                        assertThat(e.getMessage()).contains(dir.toString());
                    });
        }
        try (DataDirectory again = DataDirectory.open(dir)) {
            assertThat(again.root()).isEqualTo(dir.toAbsolutePath());
        }
    }

    @Test
    void secretsAreGeneratedOnceAndReadableByTheOwnerOnly() throws Exception {
        AtomicInteger generated = new AtomicInteger();
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            String first = dir.secret("db", () -> "s3cret-" + generated.incrementAndGet());
            String second = dir.secret("db", () -> "s3cret-" + generated.incrementAndGet());
            assertThat(first).isEqualTo("s3cret-1").isEqualTo(second);
            Path file = dir.secretFile("db");
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            assertThat(permissions).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dir.root())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void generatedPasswordsAreLongAndDifferent() {
        assertThat(Secrets.newPassword()).hasSize(32).isNotEqualTo(Secrets.newPassword());
    }
}
