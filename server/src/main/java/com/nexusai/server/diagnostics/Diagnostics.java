package com.nexusai.server.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.nexusai.server.backup.BackupRun;
import com.nexusai.server.backup.BackupService;
import com.nexusai.server.events.KafkaLagMetrics;
import com.nexusai.server.platform.NodeName;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.management.ThreadDumpEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.stereotype.Component;

/**
 * The guide's §6.2 commands as server functions: a snapshot of everything support needs at the moment
 * of an incident (health of every component, threads, heap and GC, pool, Kafka lag, backups, the last
 * ERROR/WARN log lines), thread dumps, and heap dumps streamed out.
 */
@Component
public class Diagnostics {

    private final HealthContributors health;
    private final DataSource dataSource;
    private final KafkaLagMetrics kafkaLag;
    private final BackupService backups;
    private final LogFile logs;
    private final NodeName node;
    private final KnownSecrets secrets;

    Diagnostics(HealthContributorRegistry health, ObjectProvider<ReactiveHealthContributorRegistry> reactiveHealth, DataSource dataSource, KafkaLagMetrics kafkaLag, BackupService backups, LogFile logs,
            NodeName node, KnownSecrets secrets) {
        ReactiveHealthContributorRegistry reactive = reactiveHealth.getIfAvailable();
        // Redis's indicator is a reactive one (Lettuce): both registries make what /actuator/health shows
        this.health = reactive == null ? health : HealthContributors.of(health, reactive.asHealthContributors());
        this.dataSource = dataSource;
        this.kafkaLag = kafkaLag;
        this.backups = backups;
        this.logs = logs;
        this.node = node;
        this.secrets = secrets;
    }

    /** Everything at once; a part that cannot be read says why instead of failing the whole. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> snapshot(int logLines) {
        return (Map<String, Object>) secrets.redactTree(rawSnapshot(logLines));
    }

    private Map<String, Object> rawSnapshot(int logLines) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("takenAt", Instant.now().toString());
        snapshot.put("node", node.value());
        snapshot.put("health", part(this::health));
        snapshot.put("memory", part(Diagnostics::memory));
        snapshot.put("garbageCollectors", part(Diagnostics::garbageCollectors));
        snapshot.put("connectionPool", part(this::pool));
        snapshot.put("kafkaLag", part(() -> kafkaLag.latest().stream().limit(50).toList()));
        snapshot.put("backups", part(this::backups));
        snapshot.put("logLines", part(() -> logs.last(logLines, new LogFile.Filter("WARN", null)).lines()));
        snapshot.put("threadDump", part(() -> new ThreadDumpEndpoint().textThreadDump()));
        return snapshot;
    }

    public String threadDump() {
        return secrets.redact(new ThreadDumpEndpoint().textThreadDump());
    }

    /** What a thread dump says in a few lines: the platform threads by state, those deadlocked, and each blocked one with the lock it waits for and its owner. */
    public record ThreadSummary(Map<Thread.State, Long> byState, List<String> deadlocked, List<String> blocked) {
    }

    public ThreadSummary threadSummary() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ThreadInfo[] all = threads.dumpAllThreads(false, false, 1);
        Map<Thread.State, Long> byState = new EnumMap<>(Thread.State.class);
        List<String> blocked = new ArrayList<>();
        for (ThreadInfo info : all) {
            byState.merge(info.getThreadState(), 1L, Long::sum);
            if (info.getThreadState() == Thread.State.BLOCKED) {
                String at = info.getStackTrace().length == 0 ? "" : " at " + info.getStackTrace()[0];
                blocked.add(info.getThreadName() + " waits for " + info.getLockName() + " held by " + info.getLockOwnerName() + at);
            }
        }
        long[] deadlockedIds = threads.findDeadlockedThreads();
        List<String> deadlocked = deadlockedIds == null ? List.of()
                : Arrays.stream(threads.getThreadInfo(deadlockedIds)).map(ThreadInfo::getThreadName).toList();
        return new ThreadSummary(byState, deadlocked, List.copyOf(blocked));
    }

    /**
     * Writes a heap dump (HPROF, live objects) to {@code out}: unredacted, so only through {@link HeapDumps}. The JVM can only dump to a file: it is
     * written in {@code directory}, streamed, and deleted.
     */
    void heapDump(Path directory, OutputStream out) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("heap-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".hprof");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Every component as {@code /actuator/health} names it, with its details (composites by their parts). */
    private Map<String, Object> health() {
        return health(health);
    }

    private static Map<String, Object> health(HealthContributors contributors) {
        Map<String, Object> components = new LinkedHashMap<>();
        contributors.stream().forEach(entry -> {
            if (entry.contributor() instanceof HealthIndicator indicator) {
                Health result = indicator.health();
                Map<String, Object> component = new LinkedHashMap<>();
                component.put("status", result.getStatus().getCode());
                component.put("details", result.getDetails());
                components.put(entry.name(), component);
            } else if (entry.contributor() instanceof CompositeHealthContributor composite) {
                components.put(entry.name(), health(composite));
            }
        });
        return components;
    }

    private static Map<String, Object> memory() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        return Map.of("heapUsed", heap.getUsed(), "heapCommitted", heap.getCommitted(), "heapMax", heap.getMax(),
                "nonHeapUsed", nonHeap.getUsed(), "threads", ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private static List<Map<String, Object>> garbageCollectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(Diagnostics::collector).toList();
    }

    private static Map<String, Object> collector(GarbageCollectorMXBean gc) {
        return Map.of("name", gc.getName(), "collections", gc.getCollectionCount(), "totalMillis", gc.getCollectionTime());
    }

    private Map<String, Object> pool() {
        if (!(dataSource instanceof HikariDataSource hikari) || hikari.getHikariPoolMXBean() == null) {
            return Map.of("available", false);
        }
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        return Map.of("active", pool.getActiveConnections(), "idle", pool.getIdleConnections(), "total", pool.getTotalConnections(),
                "waiting", pool.getThreadsAwaitingConnection(), "max", hikari.getMaximumPoolSize());
    }

    private List<Map<String, Object>> backups() {
        return backups.list(null, 4).stream().map(Diagnostics::backup).toList();
    }

    private static Map<String, Object> backup(BackupRun run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("kind", run.kind());
        summary.put("status", run.status());
        summary.put("startedAt", run.startedAt());
        summary.put("finishedAt", run.finishedAt());
        summary.put("sizeBytes", run.sizeBytes());
        summary.put("error", run.error());
        return summary;
    }

    private interface Part {
        Object read() throws Exception;
    }

    private static Object part(Part part) {
        try {
            return part.read();
        } catch (Exception | LinkageError e) {
            return Map.of("unavailable", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
