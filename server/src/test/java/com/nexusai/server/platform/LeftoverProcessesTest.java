package com.nexusai.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {

    @TempDir
    Path tmp;

    private Process leftover;

    @AfterEach
    void cleanUp() {
        if (leftover != null) {
            leftover.destroyForcibly();
        }
    }

    @Test
    void aRecordedProcessWhoseCommandLineMatchesIsStopped() throws Exception {
        leftover = new ProcessBuilder("sleep", "300").start();
        Path pidFile = tmp.resolve("server.pid");
        LeftoverProcesses.record(pidFile, leftover.pid());

        LeftoverProcesses.stop("the test server", pidFile, "sleep 300");

        assertThat(leftover.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aReusedPidRunningSomethingElseIsLeftAlone() throws Exception {
        leftover = new ProcessBuilder("sleep", "300").start();
        Path pidFile = tmp.resolve("server.pid");
        LeftoverProcesses.record(pidFile, leftover.pid());

        LeftoverProcesses.stop("the test server", pidFile, "internal-kafka-broker " + tmp);

        assertThat(leftover.isAlive()).isTrue();
    }

    @Test
    void aMissingGarbledOrStalePidFileIsHarmless() throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("garbled.pid"), "not a pid");
        LeftoverProcesses.record(tmp.resolve("stale.pid"), Long.MAX_VALUE - 1);
        for (String file : java.util.List.of("absent.pid", "garbled.pid", "stale.pid")) {
            assertThatCode(() -> LeftoverProcesses.stop("nothing", tmp.resolve(file), "x")).as(file).doesNotThrowAnyException();
        }
    }
}
