package com.nexusai.server.investigation;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.nexusai.server.alerts.AlertHistory;
import com.nexusai.server.alerts.AlertTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The guide's "502 Bad Gateway: app down" (§6.1), seen from an instance that still runs: the fleet's InstanceDown alerts
 * (an instance whose alert engine went silent, {@code alerts.AlertPeers}), as every instance records them. While one is
 * down, the load balancer sends its share of requests elsewhere once its health checks fail, and answers 502 until then,
 * or when none is left.
 */
@Component
@Order(11)
class InstanceAnalyzer implements Analyzer {

    private final Supplier<List<AlertHistory.Episode>> openAlerts;
    private final AlertTime time;

    @Autowired
    InstanceAnalyzer(AlertHistory alerts, AlertTime time) {
        this(alerts::open, time);
    }

    InstanceAnalyzer(Supplier<List<AlertHistory.Episode>> openAlerts, AlertTime time) {
        this.openAlerts = openAlerts;
        this.time = time;
    }

    @Override
    public Said reads() {
        return Said.of("reads.instances");
    }

    @Override
    public List<Found> analyze(Signals signals) {
        return openAlerts.get().stream().filter(episode -> episode.rule().equals("InstanceDown")).map(this::down).toList();
    }

    private Found down(AlertHistory.Episode episode) {
        String instance = episode.labels().getOrDefault("instance", episode.instance());
        long minutes = Math.max(0, Duration.between(episode.startedAt(), time.now()).toMinutes());
        boolean firing = "firing".equals(episode.state());
        return new Found("instance-down", firing ? Severity.CRITICAL : Severity.WARNING, Said.of("instance.down.title", instance, minutes),
                List.of(Evidence.metric("up{instance=\"" + instance + "\"}", 0), new Evidence("alerts", "InstanceDown " + episode.state() + " since",
                        episode.startedAt().toString())),
                "bad-gateway", Said.of("instance.down.next", instance));
    }
}
