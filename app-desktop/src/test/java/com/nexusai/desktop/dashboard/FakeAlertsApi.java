package com.nexusai.desktop.dashboard;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.alerts.AlertTransition;
import com.nexusai.core.alerts.AlertsApi;
import com.nexusai.core.alerts.FleetAlert;
import com.nexusai.core.alerts.SharedSilence;

/** The servers' alert API as the dashboard uses it: silences set and lifted are recorded; a refusal can be planted. */
final class FakeAlertsApi implements AlertsApi {

    final List<SharedSilence> set = new ArrayList<>();
    final List<String> lifted = new ArrayList<>();
    IOException refusal;

    @Override
    public SharedSilence silence(String rule, String instance, Instant until, String reason) throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        SharedSilence added = new SharedSilence("s-" + (set.size() + 1), rule, instance, until, reason, "admin", until.minusSeconds(3600));
        set.add(added);
        return added;
    }

    @Override
    public void lift(String silenceId) throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        lifted.add(silenceId);
    }

    @Override
    public List<SharedSilence> silences() {
        return set.stream().filter(s -> !lifted.contains(s.id())).toList();
    }

    @Override
    public List<AlertEngine.Alert> active() {
        throw new UnsupportedOperationException("the feed's state carries the alerts");
    }

    @Override
    public List<FleetAlert> fleet() {
        throw new UnsupportedOperationException("the feed's state carries the alerts");
    }

    /** The alerts the servers know, by id: what {@link #acknowledge} takes. */
    final java.util.Map<String, FleetAlert> known = new java.util.HashMap<>();
    final List<String> acknowledged = new ArrayList<>();
    /** What {@link #history} answers, and the questions it was asked ("since until rule instance"). */
    List<AlertTransition> transitions = List.of();
    final List<String> historyQueries = new ArrayList<>();

    @Override
    public List<AlertTransition> history(Instant since, Instant until, String rule, String instance) throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        historyQueries.add(since + " " + until + " " + rule + " " + instance);
        return transitions.stream().filter(t -> rule == null || t.rule().equals(rule))
                .filter(t -> instance == null || instance.equals(t.labels().getOrDefault("instance", t.instance()))).toList();
    }

    @Override
    public FleetAlert acknowledge(String id, String comment) throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        FleetAlert alert = known.get(id);
        acknowledged.add(id + ": " + comment);
        return new FleetAlert(id, alert.alert(), alert.firingSince(), new FleetAlert.Acknowledgement("admin", alert.alert().activeSince(), comment),
                alert.silenced());
    }
}
