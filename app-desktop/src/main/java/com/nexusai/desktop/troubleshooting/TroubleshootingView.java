package com.nexusai.desktop.troubleshooting;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import com.nexusai.desktop.platform.Tables;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The guide's §6.1 table with live signals, bound to its {@link TroubleshootingViewModel}: a row is lit while its symptom shows. */
public final class TroubleshootingView extends BorderPane {

    private static final PseudoClass LIT = PseudoClass.getPseudoClass("lit");

    private final ResourceBundle text;

    public TroubleshootingView(ResourceBundle text, TroubleshootingViewModel model) {
        this.text = text;
        setId("troubleshooting");
        TableView<TroubleshootingViewModel.Row> rows = new TableView<>(model.rows());
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
            protected void updateItem(TroubleshootingViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(LIT, !empty && row != null && row.lit());
            }
        });
        rows.getSelectionModel().selectedItemProperty().addListener((observable, before, chosen) -> {
            if (chosen != null || !model.rows().isEmpty()) {
                model.selectedProperty().set(chosen);
            }
        });
        model.selectedProperty().addListener((observable, before, chosen) -> {
            if (chosen != null && chosen != rows.getSelectionModel().getSelectedItem()) {
                rows.getSelectionModel().select(chosen);
            }
        });
        Button show = new Button(text.getString("trouble.open"));
        show.setId("trouble-open");
        show.disableProperty().bind(model.selectedProperty().isNull());
        show.setOnAction(event -> model.openChosen());
        Label explain = new Label(text.getString("trouble.explain"));
        explain.setWrapText(true);
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        VBox pane = new VBox(10, explain, rows, new HBox(8, show));
        pane.setPadding(new Insets(12));
        setCenter(pane);
    }

    private TableColumn<TroubleshootingViewModel.Row, String> column(String key, Function<TroubleshootingViewModel.Row, String> value) {
        return Tables.column(text.getString(key), value);
    }
}
