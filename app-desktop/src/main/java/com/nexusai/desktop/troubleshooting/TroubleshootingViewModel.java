package com.nexusai.desktop.troubleshooting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.nexusai.core.runbook.Troubleshooting;
import com.nexusai.desktop.dashboard.InstanceFeed;
import com.nexusai.desktop.dashboard.Monitor;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The guide's §6.1 table with live signals: each row says on which instances its symptom shows now (with the
 * evidence), read from the instances' latest state every {@link #PERIOD}; no network call of its own. A row opens the
 * view that holds the data: the dashboard on the first instance affected, or diagnostics.
 */
public final class TroubleshootingViewModel implements AutoCloseable {

    public static final Duration PERIOD = Duration.ofSeconds(2);

    /** A row as shown: the problem, and on which instances it shows now. */
    public record Row(Troubleshooting.Problem problem, List<String> evidence, InstanceFeed firstAffected) {

        public boolean lit() {
            return !evidence.isEmpty();
        }
    }

    private final List<InstanceFeed> instances;
    private final Troubleshooting table;
    private final BiConsumer<String, InstanceFeed> open;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final AutoCloseable ticking;

    /** @param open the view to open ({@code dashboard}, {@code diagnostics}) and the instance to show there (null: any) */
    public TroubleshootingViewModel(List<? extends InstanceFeed> instances, Troubleshooting table, TaskExecutor tasks,
            BiConsumer<String, InstanceFeed> open) {
        this.instances = List.copyOf(instances);
        this.table = table;
        this.open = open;
        update();
        this.ticking = tasks.every(PERIOD, this::update);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    /** Reads the instances' state again; the chosen row stays chosen. */
    public void update() {
        Row chosen = selected.get();
        List<Row> now = Troubleshooting.GUIDE.stream().map(this::row).toList();
        if (!now.equals(rows)) {
            rows.setAll(now);
        }
        if (chosen != null) {
            selected.set(now.stream().filter(r -> r.problem().equals(chosen.problem())).findFirst().orElse(null));
        }
    }

    private Row row(Troubleshooting.Problem problem) {
        List<String> evidence = new ArrayList<>();
        InstanceFeed first = null;
        for (InstanceFeed feed : instances) {
            Monitor.State state = feed.state();
            var showing = table.showing(problem, new Troubleshooting.Instance(feed.instance(), state.latest(), state.stale() ? state.error() : null));
            if (showing.isPresent()) {
                evidence.add(feed.instance() + ": " + showing.get());
                first = first == null ? feed : first;
            }
        }
        return new Row(problem, List.copyOf(evidence), first);
    }

    /** Chooses the row of the problem {@code id} ({@code pool}, {@code latency}...), as a finding of the investigation names it. */
    public void choose(String id) {
        rows.stream().filter(row -> row.problem().id().equals(id)).findFirst().ifPresent(selected::set);
    }

    /** Opens the chosen row's view. */
    public void openChosen() {
        Row row = selected.get();
        if (row != null) {
            open.accept(row.problem().view(), row.firstAffected());
        }
    }

    @Override
    public void close() {
        try {
            ticking.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
