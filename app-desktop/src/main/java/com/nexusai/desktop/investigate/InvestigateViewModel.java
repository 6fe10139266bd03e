package com.nexusai.desktop.investigate;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import com.nexusai.core.investigations.Finding;
import com.nexusai.core.investigations.InvestigationsApi;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The servers' findings (their analyzers run on live evidence), for every instance the console is signed in to, worst
 * first; the chosen finding's evidence beside. Each instance investigates itself: one that cannot is said in the status,
 * and the others' findings are shown.
 */
public final class InvestigateViewModel {

    /** A finding as listed: on which instance. */
    public record Row(String instance, Finding finding) {
    }

    private record Failure(String instance, String reason) {
    }

    private record Answer(List<Row> rows, List<Failure> failures) {
    }

    private static final Comparator<Row> WORST_FIRST = Comparator.comparingInt((Row row) -> rank(row.finding().severity())).reversed()
            .thenComparing(Row::instance).thenComparing(row -> row.finding().id());

    private final ResourceBundle text;
    private final Supplier<List<InvestigationsApi>> instances;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final ObservableList<Finding.Evidence> evidence = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final Navigation navigation;

    /** Where a finding leads in the console. */
    public interface Navigation {

        /** Shows a row of the guide's troubleshooting table (§6.1) by its id: {@code pool}, {@code latency}... */
        void runbookRow(String id);

        /** Shows the dashboard of {@code instance}, where its evidence is charted. */
        void dashboard(String instance);
    }

    private static final Navigation NOWHERE = new Navigation() {
        @Override
        public void runbookRow(String id) {
        }

        @Override
        public void dashboard(String instance) {
        }
    };

    public InvestigateViewModel(ResourceBundle text, Supplier<List<InvestigationsApi>> instances, TaskExecutor tasks, Clock clock) {
        this(text, instances, tasks, clock, NOWHERE);
    }

    public InvestigateViewModel(ResourceBundle text, Supplier<List<InvestigationsApi>> instances, TaskExecutor tasks, Clock clock,
            Navigation navigation) {
        this.navigation = navigation;
        this.text = text;
        this.instances = instances;
        this.tasks = tasks;
        this.clock = clock;
        status.set(text.getString("inv.notYet"));
        selected.addListener((observable, before, chosen) -> evidence.setAll(chosen == null ? List.of() : chosen.finding().evidence()));
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public ObservableList<Finding.Evidence> evidence() {
        return evidence;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Asks every instance for its findings, in the background; the list is replaced when all have answered. */
    /** Opens the chosen finding's row of the guide's troubleshooting table, when it has one. */
    public void openRunbook() {
        Row chosen = selected.get();
        if (chosen != null && chosen.finding().runbookRow() != null) {
            navigation.runbookRow(chosen.finding().runbookRow());
        }
    }

    /** Shows the dashboard of the chosen finding's instance. */
    public void showDashboard() {
        Row chosen = selected.get();
        if (chosen != null) {
            navigation.dashboard(chosen.instance());
        }
    }

    /** Whether the chosen finding has a row in the guide's troubleshooting table. */
    public javafx.beans.binding.BooleanBinding runbookRowChosen() {
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().finding().runbookRow() != null,
                selected);
    }

    public void investigate() {
        if (running.get()) {
            return;
        }
        running.set(true);
        status.set(text.getString("inv.running"));
        List<InvestigationsApi> asked = instances.get();
        tasks.run(() -> ask(asked), this::show, failure -> {
            running.set(false);
            status.set(MessageFormat.format(text.getString("inv.failed"), "-", failure.getMessage()));
        });
    }

    private static Answer ask(List<InvestigationsApi> asked) throws InterruptedException {
        List<Row> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (InvestigationsApi instance : asked) {
            try {
                instance.findings().forEach(finding -> found.add(new Row(instance.instance(), finding)));
            } catch (java.io.IOException | RuntimeException e) {
                failures.add(new Failure(instance.instance(), e.getMessage()));
            }
        }
        return new Answer(found.stream().sorted(WORST_FIRST).toList(), failures);
    }

    private void show(Answer answer) {
        running.set(false);
        String chosenId = selected.get() == null ? null : selected.get().instance() + " " + selected.get().finding().id();
        rows.setAll(answer.rows());
        selected.set(rows.stream().filter(row -> (row.instance() + " " + row.finding().id()).equals(chosenId)).findFirst()
                .orElse(rows.isEmpty() ? null : rows.getFirst()));
        String at = LocalTime.now(clock).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        List<String> said = new ArrayList<>();
        said.add(rows.isEmpty() ? MessageFormat.format(text.getString("inv.none"), at)
                : MessageFormat.format(text.getString("inv.found"), rows.size(), at));
        answer.failures().forEach(failure -> said.add(MessageFormat.format(text.getString("inv.failed"), failure.instance(), failure.reason())));
        status.set(String.join(" · ", said));
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "critical" -> 2;
            case "warning" -> 1;
            default -> 0;
        };
    }
}
