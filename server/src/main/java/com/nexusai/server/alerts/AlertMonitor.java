package com.nexusai.server.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.AlertRules;
import com.nexusai.core.metrics.Sample;
import com.nexusai.server.incident.IncidentService;
import com.nexusai.server.metrics.LocalMetrics;
import com.nexusai.server.platform.NodeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates the project's alert rules (app-core's, the ones rendered for Prometheus) over this
 * instance's own metrics, every {@code nexusai.alerts.evaluation-interval}. With
 * {@code nexusai.alerts.open-incidents} ({@code critical} by default, {@code all}, {@code none}), a firing alert opens an
 * incident (one per alert and series while it is unresolved, which notifies its level), so support has it with its diagnostics snapshot, unless a silence or a maintenance
 * window covers it. Every transition is recorded ({@link AlertHistory}), so the fleet's alerts outlive the process.
 */
@Component
class AlertMonitor {

    private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("DatabaseConnectionExhausted", "database"),
            Map.entry("HighCpuUsage", "infrastructure"),
            Map.entry("HighHostMemoryUsage", "infrastructure"),
            Map.entry("HighDiskUsage", "infrastructure"),
            Map.entry("KafkaUnderReplicatedPartitions", "infrastructure"),
            Map.entry("KafkaOfflinePartitions", "infrastructure"),
            Map.entry("PostgresReplicationLag", "database"),
            Map.entry("PostgresReplicaUnusable", "database"),
            Map.entry("PostgresDown", "database"),
            Map.entry("RedisDown", "infrastructure"),
            Map.entry("KafkaDown", "infrastructure"),
            Map.entry("BackupTooOld", "database"),
            Map.entry("RestoreTestFailed", "database"),
            Map.entry("RestoreTestMissing", "database"),
            Map.entry("CertificateExpiringSoon", "security"),
            Map.entry("DiskFilling", "infrastructure"),
            Map.entry("InstanceDown", "infrastructure"));

    private final LocalMetrics metrics;
    private final AlertPeers peers;
    private static final String INSTANCE_DOWN = "InstanceDown";
    private final IncidentService incidents;
    private final NodeName node;
    private final AlertEngine engine;
    private final AlertTime time;
    private final AlertHistory history;
    private final AlertSilences silences;
    /** Which firing alerts open (or join) an incident: {@code critical} (the default), {@code all}, or {@code none}. */
    private final String openIncidents;
    private volatile List<AlertEngine.Alert> active = List.of();

    AlertMonitor(LocalMetrics metrics, AlertPeers peers, IncidentService incidents, NodeName node, AlertTime time,
            AlertHistory history, AlertSilences silences, @Value("${nexusai.alerts.open-incidents:critical}") String openIncidents) {
        this.metrics = metrics;
        this.peers = peers;
        this.incidents = incidents;
        this.node = node;
        this.time = time;
        this.history = history;
        this.silences = silences;
        this.engine = new AlertEngine(AlertRules.shipped().rules(), time.clock());
        this.openIncidents = switch (openIncidents.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "critical" -> "critical";
            case "all", "true" -> "all";
            case "none", "false" -> "none";
            default -> throw new IllegalStateException("nexusai.alerts.open-incidents: critical, all or none, not '" + openIncidents + "'");
        };
    }

    @Scheduled(fixedDelayString = "${nexusai.alerts.evaluation-interval:PT15S}", initialDelayString = "PT10S")
    void evaluate() {
        List<AlertEngine.Alert> alerts;
        synchronized (engine) {
            alerts = engine.evaluate(node.value(), metrics.samples());
        }
        Instant now = time.now();
        try {
            history.record(node.value(), alerts, now);
        } catch (RuntimeException e) {
            // PostgreSQL down or stalled: the engine goes on in memory, the history catches up at the next evaluation
            log.warn("The alerts could not be recorded: {}", e.getMessage());
        }
        alerts = withPeers(alerts, now);
        active = alerts;
        if (openIncidents.equals("none")) {
            return;
        }
        List<AlertEngine.Alert> opening = alerts.stream().filter(alert -> alert.state() == AlertEngine.State.FIRING
                && (openIncidents.equals("all") || "critical".equals(alert.severity()))).toList();
        if (opening.isEmpty()) {
            return;
        }
        List<AlertSilences.Silence> on;
        List<com.nexusai.server.maintenance.MaintenanceCalendar.OpenWindow> windows;
        try {
            on = silences.active(now); // read once per evaluation, not once per firing alert
            windows = silences.windows(now);
        } catch (RuntimeException e) {
            log.warn("The silences could not be read: {}", e.getMessage());
            on = List.of();
            windows = List.of();
        }
        for (AlertEngine.Alert alert : opening) {
            try {
                if (AlertSilences.of(alert.name(), alert.labels(), on, windows).isPresent()) {
                    continue; // silenced on purpose: still recorded and listed, no incident
                }
                incidents.open(alert.name() + " on " + alert.labels().getOrDefault("instance", node.value()) + ": " + alert.summary(),
                        alert.severity(), KINDS.getOrDefault(alert.name(), "application"), source(alert), "alerting");
            } catch (RuntimeException e) {
                log.warn("Alert {} could not open an incident: {}", alert.name(), e.getMessage());
            }
        }
    }

    /** {@code alerts}, and the other instances' {@code InstanceDown} when this instance is the one that watches them. */
    private List<AlertEngine.Alert> withPeers(List<AlertEngine.Alert> alerts, Instant now) {
        if (!peers.enabled()) {
            return alerts;
        }
        List<AlertEngine.Alert> all = new java.util.ArrayList<>(alerts);
        try {
            peers.beat(now).forEach((peer, up) -> {
                List<AlertEngine.Alert> down;
                synchronized (engine) {
                    down = engine.evaluate(peer, List.of(new Sample("up", Map.of(), up)));
                }
                history.record(peer, down, now, INSTANCE_DOWN);
                all.addAll(down);
            });
        } catch (RuntimeException e) {
            log.warn("The other instances could not be checked: {}", e.getMessage());
        }
        return all;
    }

    /** The alerts pending or firing on this instance at the last evaluation. */
    List<AlertEngine.Alert> active() {
        return active;
    }

    private static String source(AlertEngine.Alert alert) {
        return "alert:" + alert.name() + new TreeMap<>(alert.labels());
    }
}
