package com.nexusai.server.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nexusai.server.platform.NodeName;
import com.nexusai.server.sql.Columns;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The fleet's instances as their alert engines say they ran ({@code alert_evaluators}): the server's own
 * {@code up}. Each evaluation says this instance ran; the first live instance by name (one, so that one alert is raised,
 * not one per instance) reads the others: silent longer than {@code nexusai.alerts.peer-silent-after} is {@code up 0}.
 * A clean stop removes the instance (a rolling update raises nothing); a crash leaves it, so it is reported until it
 * comes back, or a process of the same host replaces it ({@code host:pid} names), or a day has passed. Off with
 * {@code nexusai.alerts.peers=false} (embedded mode: one instance).
 */
@Component
class AlertPeers {

    private static final Logger log = LoggerFactory.getLogger(AlertPeers.class);
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final NodeName node;
    private final boolean enabled;
    private final Duration silentAfter;
    /** The peers read at the last evaluation: one that left is read once more, up, so that its alert resolves. */
    private Set<String> watched = Set.of();

    AlertPeers(JdbcClient jdbc, NodeName node, @Value("${nexusai.alerts.peers:true}") boolean enabled,
            @Value("${nexusai.alerts.peer-silent-after:PT1M}") Duration silentAfter) {
        this.jdbc = jdbc;
        this.node = node;
        this.enabled = enabled;
        this.silentAfter = silentAfter;
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * Says this instance ran at {@code now}; returns, when this instance is the one that watches, every other instance
     * with its {@code up} (1: its engine ran within the limit, 0: silent), else nothing.
     */
    synchronized Map<String, Double> beat(Instant now) {
        jdbc.sql("""
                        insert into alert_evaluators (node, evaluated_at) values (?, ?)
                        on conflict (node) do update set evaluated_at = excluded.evaluated_at""")
                .params(node.value(), Columns.timestamp(now)).update();
        jdbc.sql("delete from alert_evaluators where evaluated_at < ?").param(Columns.timestamp(now.minus(FORGET_AFTER))).update();
        Map<String, Instant> fleet = new LinkedHashMap<>();
        jdbc.sql("select node, evaluated_at from alert_evaluators order by node")
                .query((rs, n) -> fleet.put(rs.getString("node"), Columns.instant(rs, "evaluated_at"))).list();
        for (String earlier : List.copyOf(fleet.keySet())) {
            if (node.earlierProcessOfThisHost(earlier)) {
                jdbc.sql("delete from alert_evaluators where node = ?").param(earlier).update();
                fleet.remove(earlier);
            }
        }
        Instant limit = now.minus(silentAfter);
        String watcher = fleet.entrySet().stream().filter(entry -> !entry.getValue().isBefore(limit)).map(Map.Entry::getKey).findFirst()
                .orElse(node.value());
        Map<String, Double> peers = new LinkedHashMap<>();
        if (watcher.equals(node.value())) {
            fleet.forEach((peer, ran) -> {
                if (!peer.equals(node.value())) {
                    peers.put(peer, ran.isBefore(limit) ? 0.0 : 1.0);
                }
            });
        }
        Set<String> watchedNow = new HashSet<>(peers.keySet());
        for (String gone : watched) {
            peers.putIfAbsent(gone, 1.0);
        }
        watched = watchedNow;
        return peers;
    }

    /** A clean stop: nothing to report about this instance. */
    @PreDestroy
    void leave() {
        if (!enabled) {
            return;
        }
        try {
            jdbc.sql("delete from alert_evaluators where node = ?").param(node.value()).update();
        } catch (RuntimeException e) {
            log.warn("This instance could not be struck off the alert engines' list: {}", e.getMessage());
        }
    }
}
