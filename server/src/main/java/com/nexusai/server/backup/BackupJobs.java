package com.nexusai.server.backup;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.io.HashingInputStream;
import com.nexusai.server.web.ConflictException;
import com.nexusai.server.web.NotFoundException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The restores and restore tests running on this instance, and the last {@value #KEPT} that ended: each runs on its
 * own thread and says what it is doing, so that the caller gets 202 at once and follows it instead of waiting on one
 * long request (which a client or a proxy gives up on while the work carries on). One job per backup at a time.
 */
@Component
class BackupJobs {

    private static final Logger log = LoggerFactory.getLogger(BackupJobs.class);
    private static final int KEPT = 50;

    /** What a job does; it returns its outcome, or throws why it failed. */
    interface Work {
        String run(Progress progress) throws Exception;
    }

    /** What a running job reports: its step, and the dump stream whose bytes count as its progress. */
    interface Progress {
        void step(String step);

        void reading(HashingInputStream dump);
    }

    private static final class Tracker implements Progress {
        private volatile BackupJob job;
        private volatile HashingInputStream dump;

        Tracker(BackupJob job) {
            this.job = job;
        }

        @Override
        public void step(String step) {
            BackupJob now = job;
            job = new BackupJob(now.id(), now.action(), now.backupId(), now.status(), step, now.bytesDone(), now.bytesTotal(), now.detail(),
                    now.requestedBy(), now.startedAt(), now.finishedAt());
        }

        @Override
        public void reading(HashingInputStream stream) {
            dump = stream;
        }

        BackupJob snapshot() {
            BackupJob now = job;
            HashingInputStream reading = dump;
            return reading == null || !now.running() ? now : new BackupJob(now.id(), now.action(), now.backupId(), now.status(), now.step(),
                    reading.count(), now.bytesTotal(), now.detail(), now.requestedBy(), now.startedAt(), now.finishedAt());
        }

        void end(String status, String detail, java.time.Instant at) {
            BackupJob now = snapshot();
            long bytes = "succeeded".equals(status) && now.bytesTotal() != null ? now.bytesTotal() : now.bytesDone();
            job = new BackupJob(now.id(), now.action(), now.backupId(), status, now.step(), bytes, now.bytesTotal(), detail, now.requestedBy(),
                    now.startedAt(), at);
        }
    }

    private final Clock clock;
    private final Map<UUID, Tracker> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("backup-job-", 0).daemon().factory());

    BackupJobs(Clock clock) {
        this.clock = clock;
    }

    /** Starts {@code work} as a job of {@code action} on {@code backupId}; 409 while another job on that backup runs. */
    synchronized BackupJob start(String action, UUID backupId, String user, Long bytesTotal, Work work) {
        jobs.values().stream().map(Tracker::snapshot).filter(job -> job.running() && job.backupId().equals(backupId)).findFirst()
                .ifPresent(busy -> {
                    throw new ConflictException(ProblemText.of("backup.jobRunning", busy.action(), backupId, busy.id()));
                });
        BackupJob job = new BackupJob(UUID.randomUUID(), action, backupId, "running", "starting", 0, bytesTotal, null, user, clock.instant(), null);
        Tracker tracker = new Tracker(job);
        jobs.put(job.id(), tracker);
        forgetOldest();
        workers.submit(() -> {
            try {
                tracker.end("succeeded", work.run(tracker), clock.instant());
            } catch (Exception | LinkageError e) {
                log.warn("The {} of backup {} failed: {}", action, backupId, e.getMessage());
                tracker.end("failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clock.instant());
            }
        });
        return tracker.snapshot();
    }

    BackupJob get(UUID id) {
        Tracker tracker = jobs.get(id);
        if (tracker == null) {
            throw new NotFoundException(ProblemText.of("backup.noJob", id, KEPT));
        }
        return tracker.snapshot();
    }

    private void forgetOldest() {
        if (jobs.size() > KEPT) {
            jobs.values().stream().map(Tracker::snapshot).filter(job -> !job.running()).min(Comparator.comparing(BackupJob::startedAt))
                    .ifPresent(oldest -> jobs.remove(oldest.id()));
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
