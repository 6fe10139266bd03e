package com.nexusai.server.backup;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.web.BadRequestException;
import jakarta.annotation.PreDestroy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /api/admin/backups} (ADMIN): list, run now, follow one as it runs (server-sent
 * {@code progress} events every half second, then {@code finished}); restore and restore test as jobs (202), followed
 * the same way under {@code /jobs/{jobId}}.
 */
@Tag(name = "Backups")
@RestController
@RequestMapping("/api/admin/backups")
class BackupController {

    private static final Duration PROGRESS_PERIOD = Duration.ofMillis(500);

    record RunRequest(String kind) {
    }

    record RestoreRequest(String confirm) {
    }

    private final BackupService backups;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("backup-progress").daemon().factory());

    BackupController(BackupService backups) {
        this.backups = backups;
    }

    @Operation(summary = "Lists backup runs, newest first")
    @GetMapping
    List<BackupRun> list(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException(ProblemText.of("limit.range", 1000));
        }
        return backups.list(kind, limit);
    }

    /** {@code {"kind": "postgres" | "redis" | "all"}} (default all): 202 with the started runs. */
    @Operation(summary = "Runs a backup now")
    @PostMapping
    ResponseEntity<List<BackupRun>> run(@RequestBody(required = false) RunRequest request, Authentication user) {
        String kind = request == null || request.kind() == null ? "all" : request.kind();
        Set<BackupKind> kinds = kind.equals("all") ? EnumSet.allOf(BackupKind.class) : EnumSet.of(BackupKind.of(kind));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(backups.start(kinds, "manual", user.getName()));
    }

    @Operation(summary = "Reads a backup run")
    @GetMapping("/{id}")
    BackupRun get(@PathVariable UUID id) {
        return backups.get(id);
    }

    @Operation(summary = "Follows a backup run as server-sent events")
    @GetMapping(path = "/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter progress(@PathVariable UUID id) {
        backups.get(id);
        return follow(() -> backups.get(id), run -> run.status().equals("running"),
                run -> Map.of("bytes", run.bytesSoFar() == null ? 0 : run.bytesSoFar()));
    }

    /**
     * Replaces the current data with the backup; {@code confirm} must repeat the backup's id. 202 with the job at once
     * (its {@code Location} to follow), or 400/409 when it cannot start.
     */
    @Operation(summary = "Restores a backup")
    @PostMapping("/{id}/restore")
    ResponseEntity<BackupJob> restore(@PathVariable UUID id, @RequestBody(required = false) RestoreRequest request, Authentication user) {
        return accepted(backups.startRestore(id, request == null ? null : request.confirm(), user.getName()));
    }

    /** Starts a restore test (into a scratch database, every table's rows compared): 202 with the job. */
    @Operation(summary = "Verifies a backup by restoring it into a scratch database")
    @PostMapping("/{id}/verify")
    ResponseEntity<BackupJob> verify(@PathVariable UUID id, Authentication user) {
        return accepted(backups.startVerify(id, user.getName()));
    }

    @Operation(summary = "Reads a restore or verification job")
    @GetMapping("/jobs/{jobId}")
    BackupJob job(@PathVariable UUID jobId) {
        return backups.job(jobId);
    }

    /** The job every half second while it runs ({@code progress} events), then {@code finished} with how it ended. */
    @Operation(summary = "Follows a restore or verification job as server-sent events")
    @GetMapping(path = "/jobs/{jobId}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter jobProgress(@PathVariable UUID jobId) {
        backups.job(jobId);
        return follow(() -> backups.job(jobId), BackupJob::running, job -> job);
    }

    private static ResponseEntity<BackupJob> accepted(BackupJob job) {
        return ResponseEntity.accepted().location(URI.create("/api/admin/backups/jobs/" + job.id())).body(job);
    }

    /** Sends {@code progress} events with what {@code read} says while {@code running}, then {@code finished} with the last of it. */
    private <T> SseEmitter follow(Supplier<T> read, Predicate<T> running, Function<T, Object> progressData) {
        SseEmitter emitter = new SseEmitter(0L);
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = ticker.scheduleWithFixedDelay(() -> {
            try {
                T now = read.get();
                if (running.test(now)) {
                    emitter.send(SseEmitter.event().name("progress").data(progressData.apply(now)));
                } else {
                    emitter.send(SseEmitter.event().name("finished").data(now));
                    emitter.complete();
                    task[0].cancel(false);
                }
            } catch (IOException | RuntimeException e) {
                emitter.completeWithError(e);
                task[0].cancel(false);
            }
        }, 0, PROGRESS_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        emitter.onCompletion(() -> task[0].cancel(false));
        return emitter;
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
