package com.nexusai.desktop.dashboard;

import java.util.List;
import java.util.ResourceBundle;

import com.nexusai.core.alerts.AlertTransition;
import com.nexusai.desktop.platform.Shown;
import com.nexusai.desktop.platform.Tables;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The alert history: filters above (rule, instance, how far back), every change of state below, the newest first. */
public final class AlertHistoryView extends BorderPane {

    public AlertHistoryView(AlertHistoryViewModel model, ResourceBundle text) {
        ChoiceBox<String> rule = new ChoiceBox<>(FXCollections.observableArrayList(model.rules()));
        rule.setId("history-rule");
        rule.setConverter(Shown.as(choice -> model.choiceName(choice, "history.everyRule")));
        rule.valueProperty().bindBidirectional(model.ruleProperty());
        ChoiceBox<String> instance = new ChoiceBox<>(FXCollections.observableArrayList(model.instances()));
        instance.setId("history-instance");
        instance.setConverter(Shown.as(choice -> model.choiceName(choice, "history.everyInstance")));
        instance.valueProperty().bindBidirectional(model.instanceProperty());
        ChoiceBox<ChartRange> span = new ChoiceBox<>(FXCollections.observableArrayList(ChartRange.values()));
        span.setId("history-span");
        span.setConverter(Shown.as(model::spanName));
        span.valueProperty().bindBidirectional(model.spanProperty());
        Button refresh = new Button(text.getString("history.refresh"));
        refresh.setOnAction(event -> model.load());
        refresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox filters = new HBox(10, label(text.getString("alerts.name"), rule), rule, label(text.getString("fleet.instance"), instance), instance,
                label(text.getString("history.over"), span), span, refresh);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setPadding(new Insets(12));
        setTop(filters);
        TableView<AlertTransition> table = new TableView<>(model.rows());
        table.setId("history-table");
        table.getColumns().setAll(List.of(Tables.column(text.getString("history.at"), t -> model.when(t.at())),
                Tables.column(text.getString("alerts.name"), AlertTransition::rule),
                Tables.column(text.getString("fleet.instance"), model::instanceOf),
                Tables.column(text.getString("alerts.state"), model::stateOf),
                Tables.column(text.getString("alerts.severity"), AlertTransition::severity),
                Tables.column(text.getString("history.value"), model::valueOf)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(text.getString("history.none")));
        setCenter(table);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.setPadding(new Insets(6, 12, 6, 12));
        setBottom(status);
    }

    /** A filter's name, never cut short: the pickers give way first. */
    private static Label label(String words, javafx.scene.Node picker) {
        Label label = new Label(words);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setLabelFor(picker);
        return label;
    }
}
