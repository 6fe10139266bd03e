package com.nexusai.desktop.investigate;

import java.util.List;
import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import com.nexusai.core.investigations.Finding;
import com.nexusai.desktop.platform.Tables;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The servers' findings, bound to its {@link InvestigateViewModel}: a row's severity is a pseudo-class, its evidence below. */
public final class InvestigateView extends BorderPane {

    private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    public InvestigateView(ResourceBundle text, InvestigateViewModel model) {
        setId("investigate");
        TableView<InvestigateViewModel.Row> findings = new TableView<>(model.rows());
        findings.setId("findings");
        findings.setPlaceholder(new Label(text.getString("inv.empty")));
        findings.getColumns().setAll(List.of(
                Tables.column(text.getString("inv.severity"), (InvestigateViewModel.Row row) -> text.getString("inv.severity." + row.finding().severity())),
                Tables.column(text.getString("inv.instance"), InvestigateViewModel.Row::instance),
                Tables.column(text.getString("inv.title"), (InvestigateViewModel.Row row) -> row.finding().title()),
                Tables.column(text.getString("inv.next"), (InvestigateViewModel.Row row) -> row.finding().next()),
                Tables.column(text.getString("inv.runbook"), (InvestigateViewModel.Row row) -> row.finding().runbookRow() == null ? "-"
                        : row.finding().runbookRow())));
        findings.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        double[] widths = {90, 150, 470, 420, 110};
        for (int i = 0; i < widths.length; i++) {
            findings.getColumns().get(i).setPrefWidth(widths[i]);
        }
        findings.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(InvestigateViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(CRITICAL, !empty && row != null && row.finding().critical());
                pseudoClassStateChanged(WARNING, !empty && row != null && row.finding().warning());
            }
        });
        findings.getSelectionModel().selectedItemProperty().addListener((observable, before, chosen) -> {
            if (chosen != null) {
                model.selectedProperty().set(chosen);
            }
        });
        model.selectedProperty().addListener((observable, before, chosen) -> {
            if (chosen != null && chosen != findings.getSelectionModel().getSelectedItem()) {
                findings.getSelectionModel().select(chosen);
            }
        });

        TableView<Finding.Evidence> evidence = new TableView<>(model.evidence());
        evidence.setId("evidence");
        evidence.setPlaceholder(new Label(text.getString("inv.evidence.none")));
        List<TableColumn<Finding.Evidence, String>> evidenceColumns = List.of(
                Tables.column(text.getString("inv.evidence.source"), Finding.Evidence::source),
                Tables.column(text.getString("inv.evidence.name"), Finding.Evidence::name),
                Tables.column(text.getString("inv.evidence.value"), Finding.Evidence::value));
        evidence.getColumns().setAll(evidenceColumns);
        evidence.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        double[] evidenceWidths = {90, 380, 800};
        for (int i = 0; i < evidenceWidths.length; i++) {
            evidence.getColumns().get(i).setPrefWidth(evidenceWidths[i]);
        }
        Label evidenceTitle = new Label(text.getString("inv.evidence"));
        evidenceTitle.getStyleClass().add(Styles.TITLE_4);
        // the chosen finding in full: the table's cells cut long sentences
        Label chosenTitle = wrapped("investigate-title");
        chosenTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label chosenNext = wrapped("investigate-next");
        model.selectedProperty().addListener((observable, before, chosen) -> {
            chosenTitle.setText(chosen == null ? "" : chosen.finding().title());
            chosenNext.setText(chosen == null ? "" : java.text.MessageFormat.format(text.getString("inv.chosenNext"), chosen.finding().next()));
        });
        SplitPane split = new SplitPane(findings, new VBox(6, chosenTitle, chosenNext, evidenceTitle, evidence));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(evidence, javafx.scene.layout.Priority.ALWAYS);

        Button run = new Button(text.getString("inv.run"));
        run.setId("investigate-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(event -> model.investigate());
        Label status = new Label();
        status.setId("investigate-status");
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label explain = wrapped(null);
        explain.setText(text.getString("inv.explain"));
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        Button runbook = new Button(text.getString("inv.openRunbook"));
        runbook.setId("investigate-runbook");
        runbook.disableProperty().bind(model.runbookRowChosen().not());
        runbook.setOnAction(event -> model.openRunbook());
        Button dashboard = new Button(text.getString("inv.showDashboard"));
        dashboard.setId("investigate-dashboard");
        dashboard.disableProperty().bind(model.selectedProperty().isNull());
        dashboard.setOnAction(event -> model.showDashboard());
        HBox bar = new HBox(12, run, runbook, dashboard, status);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox pane = new VBox(10, explain, bar, split);
        VBox.setVgrow(split, javafx.scene.layout.Priority.ALWAYS);
        pane.setPadding(new Insets(12));
        setCenter(pane);
    }

    /** A label that takes the lines its text needs (in a VBox, a wrapped label otherwise keeps one line and cuts it). */
    private static Label wrapped(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }
}
