package com.nexusai.server.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the server processes that a previous NexusAI server left running when it was killed
 * (SIGKILL gives it no chance to stop its children). Called once the data directory is locked, so
 * the process that started them is known to be gone.
 */
public final class LeftoverProcesses {

    private static final Logger log = LoggerFactory.getLogger(LeftoverProcesses.class);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private LeftoverProcesses() {
    }

    /** Records a child's pid in {@code pidFile}, so the next start can find it. */
    public static void record(Path pidFile, long pid) {
        try {
            Files.writeString(pidFile, Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.warn("Cannot record pid {} in {}: {}", pid, pidFile, e.getMessage());
        }
    }

    public static void forget(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the process command next time
        }
    }

    /**
     * Stops the process whose pid is on the first line of {@code pidFile}, if it still runs and its
     * command line contains {@code commandLineFragment}: pids get reused, so the fragment names
     * something only that server's command line holds (a path in this data directory). Waits for it
     * to exit.
     */
    public static void stop(String component, Path pidFile, String commandLineFragment) {
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(commandLineFragment)).orElse(false))
                .ifPresent(process -> {
                    log.warn("Stopping {} (pid {}) left running by a NexusAI server that did not shut down", component,
                            process.pid());
                    process.destroy();
                    if (!waitFor(process, GRACE)) {
                        log.warn("{} (pid {}) did not stop within {} s; killing it", component, process.pid(),
                                GRACE.toSeconds());
                        process.destroyForcibly();
                        waitFor(process, GRACE);
                    }
                });
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").strip();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
