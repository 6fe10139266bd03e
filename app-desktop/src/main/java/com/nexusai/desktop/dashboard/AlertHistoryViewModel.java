package com.nexusai.desktop.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.nexusai.core.alerts.AlertTransition;
import com.nexusai.core.alerts.AlertsApi;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The fleet's alert history as the servers recorded it: every change of state (pending, firing, resolved) with its
 * value, narrowed by rule, instance and how far back. Each change of a filter reads the history again, off the FX thread.
 */
public final class AlertHistoryViewModel {

    /** The choice that narrows nothing, first in the rule and instance pickers. */
    public static final String EVERY = "";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM HH:mm:ss");

    private final ResourceBundle text;
    private final AlertsApi alerts;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final ZoneId zone;
    private final List<String> rules;
    private final List<String> instances;
    private final ObjectProperty<String> rule = new SimpleObjectProperty<>(EVERY);
    private final ObjectProperty<String> instance = new SimpleObjectProperty<>(EVERY);
    private final ObjectProperty<ChartRange> span = new SimpleObjectProperty<>(ChartRange.DAY);
    private final ObservableList<AlertTransition> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /** @param rules the rule names to pick from; @param instances the instances to pick from */
    public AlertHistoryViewModel(ResourceBundle text, AlertsApi alerts, TaskExecutor tasks, Clock clock, ZoneId zone, List<String> rules,
            List<String> instances) {
        this.text = text;
        this.alerts = alerts;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        this.rules = prepend(rules);
        this.instances = prepend(instances);
        rule.addListener((observable, before, now) -> load());
        instance.addListener((observable, before, now) -> load());
        span.addListener((observable, before, now) -> load());
    }

    private static List<String> prepend(List<String> choices) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(EVERY), choices.stream().sorted()).distinct().toList();
    }

    /** Reads the history the filters say. */
    public void load() {
        Instant until = clock.instant();
        Instant since = until.minus(span.get().span());
        String onlyRule = rule.get() == null || rule.get().equals(EVERY) ? null : rule.get();
        String onlyInstance = instance.get() == null || instance.get().equals(EVERY) ? null : instance.get();
        status.set(text.getString("history.loading"));
        tasks.run(() -> alerts.history(since, until, onlyRule, onlyInstance), read -> {
            rows.setAll(read);
            status.set(String.format(text.getString("history.count"), read.size(), when(since)));
        }, failure -> status.set(text.getString("history.failed") + " " + failure.getMessage()));
    }

    public ObservableList<AlertTransition> rows() {
        return rows;
    }

    public List<String> rules() {
        return rules;
    }

    public List<String> instances() {
        return instances;
    }

    public ObjectProperty<String> ruleProperty() {
        return rule;
    }

    public ObjectProperty<String> instanceProperty() {
        return instance;
    }

    public ObjectProperty<ChartRange> spanProperty() {
        return span;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A filter's choice as the picker shows it: "every rule" or "every instance" for the first. */
    public String choiceName(String choice, String everyKey) {
        return choice == null || choice.equals(EVERY) ? text.getString(everyKey) : choice;
    }

    public String spanName(ChartRange range) {
        return text.getString("range." + range.query());
    }

    public String when(Instant at) {
        return WHEN.format(at.atZone(zone));
    }

    /** The alert's own instance (its label) when it has one, else the server that evaluated it. */
    public String instanceOf(AlertTransition transition) {
        return transition.labels().getOrDefault("instance", transition.instance());
    }

    public String stateOf(AlertTransition transition) {
        String key = "alerts.state." + transition.state().toLowerCase(Locale.ROOT);
        return text.containsKey(key) ? text.getString(key) : transition.state();
    }

    public String valueOf(AlertTransition transition) {
        return String.format(Locale.ROOT, Math.abs(transition.value()) >= 1000 ? "%.0f" : "%.3g", transition.value());
    }
}
