package com.nexusai.server.diagnostics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

import com.nexusai.server.audit.SecurityAuditLog;
import com.nexusai.server.audit.SecurityEventType;
import com.nexusai.server.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Heap dumps hold every secret of the process, so taking one is an audited act of an ADMIN (who, from
 * where, why), one at a time (a second request while one runs is 429: each dump pauses the JVM and
 * writes as much as the heap), and refused when writing it would leave less than the configured margin
 * of disk free.
 */
@Component
class HeapDumps {

    private static final Logger log = LoggerFactory.getLogger(HeapDumps.class);

    private final Diagnostics diagnostics;
    private final SecurityAuditLog audit;
    private final DiagnosticsProperties properties;
    private final Path directory;
    private final Semaphore oneAtATime = new Semaphore(1);

    HeapDumps(Diagnostics diagnostics, SecurityAuditLog audit, DiagnosticsProperties properties,
            @Value("${nexusai.data-dir:${java.io.tmpdir}}") String dataDir) {
        this.diagnostics = diagnostics;
        this.audit = audit;
        this.properties = properties;
        this.directory = Path.of(dataDir).resolve("dumps");
    }

    /** A permit to write one dump; closing it lets the next one start. */
    interface Permit extends AutoCloseable {
        void writeTo(OutputStream out) throws IOException;

        @Override
        void close();
    }

    /** Checks and records the request, and reserves the one dump slot; the dump itself is written later, streamed. */
    Permit start(String actor, String address, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "reason: say why the heap dump is needed, in 1 to 200 characters",
                    "Add ?reason=... (for example the incident it is for)");
        }
        if (!oneAtATime.tryAcquire()) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "A heap dump is already being taken on this instance",
                    "Wait for it to finish, then ask again");
        }
        try {
            checkDisk();
            audit.record(SecurityEventType.HEAP_DUMP, null, actor, address, "reason: " + reason.strip());
            log.warn("Heap dump requested by {} from {}: {}", actor, address, reason.strip());
        } catch (RuntimeException e) {
            oneAtATime.release();
            throw e;
        }
        return new Permit() {
            private boolean closed;

            @Override
            public void writeTo(OutputStream out) throws IOException {
                diagnostics.heapDump(directory, out);
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    oneAtATime.release();
                }
            }
        };
    }

    private void checkDisk() {
        long needed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long usable;
        try {
            Files.createDirectories(directory);
            usable = Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long margin = properties.heapDumpDiskMargin().toBytes();
        if (usable - needed < margin) {
            throw new ProblemException(HttpStatus.INSUFFICIENT_STORAGE, String.format(
                    "A heap dump needs about %d MiB; %d MiB are free and %d MiB must stay free",
                    needed >> 20, usable >> 20, margin >> 20),
                    "Free disk space where the data directory is, or lower nexusai.diagnostics.heap-dump-disk-margin");
        }
    }
}
