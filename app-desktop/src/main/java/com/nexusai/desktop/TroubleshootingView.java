package com.nexusai.desktop;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import atlantafx.base.theme.Styles;
import com.nexusai.core.runbook.Troubleshooting;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The guide's §6.1 table with live signals: a row lights up while its symptom shows on an instance (with
 * the evidence), and opens the view that holds the data (the dashboard on that instance, or diagnostics).
 * Reads the monitors' latest state every two seconds; no network call of its own.
 */
final class TroubleshootingView extends BorderPane {

    /** A row as shown: the problem, and on which instances it shows now. */
    record Row(Troubleshooting.Problem problem, List<String> evidence, Monitor firstAffected) {
    }

    private final ResourceBundle text;
    private final List<Monitor> monitors;
    private final Troubleshooting table;
    private final TableView<Row> rows = new TableView<>();
    private final ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("troubleshooting").daemon().factory());

    TroubleshootingView(ResourceBundle text, List<Monitor> monitors, Troubleshooting table, BiConsumer<String, Monitor> open) {
        this.text = text;
        this.monitors = List.copyOf(monitors);
        this.table = table;
        setId("troubleshooting");
        rows.setId("problems");
        rows.getColumns().setAll(List.of(column("trouble.symptom", r -> r.problem().symptom(text.getLocale())),
                column("trouble.cause", r -> r.problem().cause(text.getLocale())),
                column("trouble.fix", r -> r.problem().fix(text.getLocale())),
                column("trouble.now", r -> r.evidence().isEmpty() ? "-" : String.join("\n", r.evidence()))));
        rows.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        double[] widths = {210, 150, 430, 430};
        for (int i = 0; i < widths.length; i++) {
            rows.getColumns().get(i).setPrefWidth(widths[i]);
        }
        rows.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("lit");
                if (!empty && row != null && !row.evidence().isEmpty()) {
                    getStyleClass().add("lit");
                }
            }
        });
        Button show = new Button(text.getString("trouble.open"));
        show.setId("trouble-open");
        show.disableProperty().bind(rows.getSelectionModel().selectedItemProperty().isNull());
        show.setOnAction(event -> {
            Row row = rows.getSelectionModel().getSelectedItem();
            open.accept(row.problem().view(), row.firstAffected());
        });
        Label explain = new Label(text.getString("trouble.explain"));
        explain.setWrapText(true);
        VBox pane = new VBox(10, explain, rows, new HBox(8, show));
        pane.setPadding(new Insets(12));
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        setCenter(pane);
        update();
        // a plain timer, not an FX Timeline: a running animation keeps the FX pulse (and rendering) going every frame
        refresh.scheduleWithFixedDelay(() -> Platform.runLater(() -> {
            if (isVisible() && getScene() != null) {
                update();
            }
        }), 2, 2, TimeUnit.SECONDS);
    }

    void update() {
        Row selected = rows.getSelectionModel().getSelectedItem();
        List<Row> now = Troubleshooting.GUIDE.stream().map(this::row).toList();
        Tables.replaceIfChanged(rows.getItems(), now);
        if (selected != null && rows.getSelectionModel().getSelectedItem() == null) {
            now.stream().filter(r -> r.problem().equals(selected.problem())).findFirst().ifPresent(rows.getSelectionModel()::select);
        }
    }

    private Row row(Troubleshooting.Problem problem) {
        List<String> evidence = new java.util.ArrayList<>();
        Monitor first = null;
        for (Monitor monitor : monitors) {
            Monitor.State state = monitor.state();
            var showing = table.showing(problem, new Troubleshooting.Instance(monitor.instance(), state.latest(),
                    state.staleSince() == null ? null : state.error()));
            if (showing.isPresent()) {
                evidence.add(monitor.instance() + ": " + showing.get());
                first = first == null ? monitor : first;
            }
        }
        return new Row(problem, List.copyOf(evidence), first);
    }

    void stop() {
        refresh.shutdownNow();
    }

    private TableColumn<Row, String> column(String key, java.util.function.Function<Row, String> value) {
        return Tables.column(text.getString(key), value);
    }
}
