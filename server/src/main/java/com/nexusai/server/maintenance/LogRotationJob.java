package com.nexusai.server.maintenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * §7.2 "Rotation logs, quotidien, 00:00". The log file's rolling policy (the guide's 100 MB x 30) rolls
 * it at the first line of a new day and whenever it reaches the size; this job writes that first line
 * at midnight, deletes archives older than the history (kept there while the server was down at a
 * rollover), and reports what is kept.
 */
@Component
class LogRotationJob implements MaintenanceJob {

    private static final Logger log = LoggerFactory.getLogger(LogRotationJob.class);

    private final Environment environment;

    LogRotationJob(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "log-rotation";
    }

    @Override
    public String description() {
        return "Log rotation: the day's rollover, archives older than logging.logback.rollingpolicy.max-history days deleted";
    }

    @Override
    public String defaultCron() {
        return "0 0 0 * * *";
    }

    @Override
    public Duration window() {
        return Duration.ofMinutes(5);
    }

    @Override
    public Outcome run(String actor) throws IOException {
        String file = environment.getProperty("logging.file.name");
        if (file == null || file.isBlank()) {
            return Outcome.succeeded("no log file is written (console only): nothing to rotate");
        }
        log.info("Log rotation: the day's rollover of {}", file);
        int days = environment.getProperty("logging.logback.rollingpolicy.max-history", Integer.class, 7);
        Path current = Path.of(file).toAbsolutePath();
        String prefix = current.getFileName().toString() + ".";
        Instant oldest = Instant.now().minus(Duration.ofDays(days));
        int deleted = 0;
        long keptBytes = 0;
        int kept = 0;
        try (Stream<Path> files = Files.list(current.getParent())) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            for (Path archive : archives) {
                if (Files.getLastModifiedTime(archive).toInstant().isBefore(oldest)) {
                    Files.deleteIfExists(archive);
                    deleted++;
                } else {
                    kept++;
                    keptBytes += Files.size(archive);
                }
            }
        }
        return Outcome.succeeded(String.format("%s: %d KiB now; %d archives kept (%d KiB), %d older than %d days deleted", current,
                Files.exists(current) ? Files.size(current) / 1024 : 0, kept, keptBytes / 1024, deleted, days));
    }
}
