package com.nexusai.desktop.incidents;

import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import com.nexusai.core.incidents.NewIncident;
import com.nexusai.desktop.platform.FxDialogs;
import com.nexusai.desktop.platform.Shown;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The incidents tab's questions as JavaFX dialogs owned by the console's window. */
public final class IncidentsDialogs extends FxDialogs implements IncidentsViewModel.Dialogs {

    public IncidentsDialogs(ResourceBundle text, Supplier<Window> owner) {
        super(text, owner);
    }

    @Override
    public Optional<String> ask(String key, boolean optional) {
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(owner.get());
        ask.setHeaderText(words(key));
        return ask.showAndWait().map(String::strip).filter(answer -> optional || !answer.isEmpty());
    }

    @Override
    public Optional<NewIncident> askNewIncident() {
        TextField title = new TextField();
        title.setId("new-incident-title");
        ChoiceBox<String> severity = new ChoiceBox<>(FXCollections.observableArrayList(List.of("info", "warning", "critical")));
        severity.setValue("warning");
        ChoiceBox<String> kind = new ChoiceBox<>(FXCollections.observableArrayList(List.of("application", "database", "security", "infrastructure")));
        kind.setValue("application");
        IncidentWords words = new IncidentWords(text);
        severity.setConverter(Shown.as(words::severity));
        kind.setConverter(Shown.as(words::kind));
        GridPane form = new GridPane(12, 12);
        form.addRow(0, new Label(text.getString("incidents.title")), title);
        form.addRow(1, new Label(text.getString("incidents.severity")), severity);
        form.addRow(2, new Label(text.getString("incidents.kind")), kind);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(text.getString("incidents.open"));
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(title.textProperty().map(String::isBlank));
        return dialog.showAndWait().filter(ButtonType.OK::equals)
                .map(ok -> new NewIncident(title.getText().strip(), severity.getValue(), kind.getValue(), null));
    }

    @Override
    public void showSnapshot(String json) {
        TextArea area = new TextArea(json);
        area.setEditable(false);
        area.setPrefSize(900, 600);
        area.getStyleClass().add("code");
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(text.getString("incidents.snapshots"));
        dialog.getDialogPane().setContent(area);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.show();
    }
}
