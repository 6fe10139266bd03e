package com.nexusai.server.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.nexusai.server.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The checks before a heap dump is written: a reason, and disk enough to leave the margin free. */
class HeapDumpsTest {

    @TempDir
    Path dataDir;

    @Test
    void aDumpThatWouldEatIntoTheDiskMarginIsRefusedBeforeAnythingIsWritten() {
        // no Diagnostics nor audit: the refusal comes before either is used
        HeapDumps dumps = new HeapDumps(null, null, new DiagnosticsProperties(DataSize.ofTerabytes(1_000_000)), dataDir.toString());
        assertThatThrownBy(() -> dumps.start("admin", "127.0.0.1", "incident 7"))
                .isInstanceOfSatisfying(ProblemException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
                    assertThat(refused.getMessage()).contains("MiB are free").contains("must stay free");
                    assertThat(refused.fix()).contains("nexusai.diagnostics.heap-dump-disk-margin");
                });
        assertThat(dataDir.resolve("dumps").toFile().list()).as("nothing written").isEmpty();
    }

    @Test
    void aDumpNeedsAReason() {
        HeapDumps dumps = new HeapDumps(null, null, new DiagnosticsProperties(DataSize.ofBytes(0)), dataDir.toString());
        for (String reason : new String[] {null, " ", "x".repeat(201)}) {
            assertThatThrownBy(() -> dumps.start("admin", "127.0.0.1", reason))
                    .isInstanceOfSatisfying(ProblemException.class, refused -> assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                    .hasMessageStartingWith("reason:");
        }
    }
}
