package com.nexusai.server.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.platform.NodeName;
import com.nexusai.server.web.ConflictException;
import com.nexusai.server.web.NotFoundException;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Service;

/**
 * The guide's maintenance calendar (§7.2), run by the server: each job on its cron, once across all
 * instances (a ShedLock row in PostgreSQL, the database's clock), with its history. A job can also be
 * run now; that takes the same lock, so it never overlaps a run on another instance.
 */
@Service
public class MaintenanceCalendar implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceCalendar.class);

    /** A job as listed: its schedule, its window, its last run and its next. */
    public record JobView(String name, String description, String cron, String zone, Duration window, Instant nextRun, MaintenanceRun lastRun) {
    }

    /** A time during which a job may be running: alerts may be silenced for it. */
    public record Window(String job, Instant start, Instant end) {
    }

    private final Map<String, MaintenanceJob> jobs = new LinkedHashMap<>();
    private final MaintenanceRuns runs;
    private final MaintenanceProperties properties;
    private final NodeName node;
    private final LockingTaskExecutor locks;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final ExecutorService manualRuns = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("maintenance-manual-", 0).factory());
    private volatile boolean running;

    MaintenanceCalendar(List<MaintenanceJob> jobs, MaintenanceRuns runs, MaintenanceProperties properties, NodeName node,
            DataSource dataSource) {
        jobs.stream().sorted(Comparator.comparing(MaintenanceJob::name)).forEach(job -> this.jobs.put(job.name(), job));
        this.runs = runs;
        this.properties = properties;
        this.node = node;
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).withTableName("shedlock").usingDbTime().build()));
        properties.cron().forEach((name, cron) -> {
            if (!this.jobs.containsKey(name)) {
                throw new IllegalStateException("nexusai.maintenance.cron." + name + ": there is no such job (jobs: " + this.jobs.keySet() + ")");
            }
            if (!cron.equals("-") && !CronExpression.isValidExpression(cron)) {
                throw new IllegalStateException("nexusai.maintenance.cron." + name + ": '" + cron + "' is not a cron expression");
            }
        });
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("maintenance-");
        scheduler.initialize();
    }

    @EventListener(ApplicationReadyEvent.class)
    void abandonInterruptedRuns() {
        int abandoned = runs.abandon(node.value());
        if (abandoned > 0) {
            log.warn("{} maintenance run(s) of this node were cut short by a stop; marked failed", abandoned);
        }
    }

    @Override
    public void start() {
        for (MaintenanceJob job : jobs.values()) {
            String cron = cron(job);
            if (!cron.equals("-")) {
                scheduler.schedule(() -> runIfFree(job, "scheduled", null), new CronTrigger(cron, properties.zone()));
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdown();
        manualRuns.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Every job, described in {@code language} (French or English; a job without French words is described in English). */
    public List<JobView> jobs(Locale language) {
        ResourceBundle words = ResourceBundle.getBundle(DESCRIPTIONS, language, NO_FALLBACK);
        List<JobView> views = new ArrayList<>();
        for (MaintenanceJob job : jobs.values()) {
            String cron = cron(job);
            Instant next = cron.equals("-") ? null : next(cron, Instant.now());
            String description = words.containsKey(job.name()) ? words.getString(job.name()) : job.description();
            views.add(new JobView(job.name(), description, cron, properties.zone().getId(), job.window(), next, runs.last(job.name())));
        }
        return views;
    }

    /** The jobs' descriptions in the languages other than English, by job name; English is each job's own {@code description()}. */
    static final String DESCRIPTIONS = "com.nexusai.server.maintenance.descriptions";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** A window running now, and the alert rules it silences. */
    public record OpenWindow(String job, Instant start, Instant end, java.util.Set<String> silences) {
    }

    /** The windows open at {@code now} whose job silences some alert rule. */
    public List<OpenWindow> openWindows(Instant now) {
        List<OpenWindow> open = new ArrayList<>();
        for (MaintenanceJob job : jobs.values()) {
            String cron = cron(job);
            if (cron.equals("-") || job.window().isZero() || job.silences().isEmpty()) {
                continue;
            }
            Instant start = next(cron, now.minus(job.window())); // the first start after that is within the window, if not after now
            if (start != null && !start.isAfter(now)) {
                open.add(new OpenWindow(job.name(), start, start.plus(job.window()), job.silences()));
            }
        }
        return open;
    }

    /** The windows starting in the next {@code days} days, in time order. */
    public List<Window> windows(int days) {
        Instant now = Instant.now();
        Instant until = now.plus(Duration.ofDays(days));
        List<Window> windows = new ArrayList<>();
        for (MaintenanceJob job : jobs.values()) {
            String cron = cron(job);
            if (cron.equals("-") || job.window().isZero()) {
                continue;
            }
            for (Instant start = next(cron, now.minus(job.window())); start != null && start.isBefore(until); start = next(cron, start)) {
                windows.add(new Window(job.name(), start, start.plus(job.window())));
            }
        }
        windows.sort(Comparator.comparing(Window::start));
        return windows;
    }

    public List<MaintenanceRun> history(String job, int limit) {
        if (job != null) {
            job(job);
        }
        return runs.history(job, limit);
    }

    /** Runs {@code name} now in the background, unless it is running (here or elsewhere); returns the run. */
    public MaintenanceRun runNow(String name, String user) {
        MaintenanceJob job = job(name);
        CompletableFuture<UUID> started = new CompletableFuture<>();
        manualRuns.submit(() -> {
            boolean ran = runIfFree(job, "manual", user, started);
            if (!ran) {
                started.complete(null);
            }
        });
        UUID id = started.join();
        if (id == null) {
            throw new ConflictException(ProblemText.of("maintenance.running", name));
        }
        return runs.get(id);
    }

    public MaintenanceRun markDone(UUID id, String user) {
        return runs.markDone(id, user);
    }

    private void runIfFree(MaintenanceJob job, String trigger, String user) {
        runIfFree(job, trigger, user, null);
    }

    /** Returns false when another run held the lock. */
    private boolean runIfFree(MaintenanceJob job, String trigger, String user, CompletableFuture<UUID> started) {
        LockConfiguration lock = new LockConfiguration(Instant.now(), job.name(), job.maxDuration(),
                trigger.equals("scheduled") ? properties.lockAtLeast() : Duration.ZERO);
        LockingTaskExecutor.TaskResult<Boolean> result;
        try {
            result = locks.executeWithLock(() -> {
                execute(job, trigger, user, started);
                return true;
            }, lock);
        } catch (Throwable e) {
            log.error("Maintenance job {} could not run: {}", job.name(), e.getMessage(), e);
            if (started != null) {
                started.completeExceptionally(e);
            }
            return true;
        }
        if (!result.wasExecuted()) {
            log.debug("Maintenance job {} is running on another instance; skipped here", job.name());
            return false;
        }
        return true;
    }

    private void execute(MaintenanceJob job, String trigger, String user, CompletableFuture<UUID> started) {
        UUID id = runs.start(job.name(), trigger, user, node.value());
        if (started != null) {
            started.complete(id);
        }
        try {
            MaintenanceJob.Outcome outcome = job.run(user == null ? "scheduler" : user);
            runs.finish(id, job.name(), outcome.status(), outcome.summary(), user);
            log.info("Maintenance job {} {}: {}", job.name(), outcome.status(), outcome.summary());
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            runs.finish(id, job.name(), "failed", message, user);
            log.warn("Maintenance job {} failed: {}", job.name(), message);
        }
    }

    private MaintenanceJob job(String name) {
        MaintenanceJob job = jobs.get(name);
        if (job == null) {
            throw new NotFoundException(ProblemText.of("maintenance.noJob", name, String.join(", ", jobs.keySet())));
        }
        return job;
    }

    private String cron(MaintenanceJob job) {
        return properties.cron().getOrDefault(job.name(), job.defaultCron());
    }

    private Instant next(String cron, Instant after) {
        ZonedDateTime next = CronExpression.parse(cron).next(after.atZone(properties.zone()));
        return next == null ? null : next.toInstant();
    }
}
