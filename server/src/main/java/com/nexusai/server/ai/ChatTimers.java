package com.nexusai.server.ai;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The chat's periodic checks (token timeouts, stream keep-alives): short tasks on their own thread.
 * Deliberately not a {@code ScheduledExecutorService} bean: Spring would take such a bean as the
 * scheduler of every {@code @Scheduled} method, and Boot would drop its own.
 */
@Component
class ChatTimers {

    private final ScheduledThreadPoolExecutor executor =
            new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("ai-timer").daemon().factory());

    ChatTimers() {
        executor.setRemoveOnCancelPolicy(true);
    }

    ScheduledFuture<?> every(Duration period, Runnable task) {
        return executor.scheduleWithFixedDelay(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
