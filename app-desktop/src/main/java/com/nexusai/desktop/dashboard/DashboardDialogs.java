package com.nexusai.desktop.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.desktop.platform.FxDialogs;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.controlsfx.control.Notifications;

/** The dashboard's questions and notices as JavaFX dialogs and desktop notifications, owned by the console's window. */
public final class DashboardDialogs extends FxDialogs implements DashboardViewModel.Dialogs {

    public DashboardDialogs(ResourceBundle text, Supplier<Window> owner) {
        super(text, owner);
    }

    @Override
    public boolean confirmBackup() {
        return yes(text.getString("backups.confirm"));
    }

    @Override
    public Optional<DashboardViewModel.SilenceRequest> askSilence(AlertEngine.Alert alert) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(words("alerts.silence"));
        dialog.setHeaderText(alert.name() + " (" + alert.labels().getOrDefault("instance", "") + ")");
        ChoiceBox<Duration> duration = new ChoiceBox<>(FXCollections.observableArrayList(List.of(Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofHours(4), Duration.ofHours(24))));
        duration.setValue(Duration.ofHours(1));
        duration.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
            }

            @Override
            public Duration fromString(String string) {
                return null;
            }
        });
        CheckBox everywhere = new CheckBox(text.getString("alerts.silence.everywhere"));
        TextField reason = new TextField();
        reason.setId("silence-reason");
        reason.setPromptText(text.getString("alerts.silence.reasonPrompt"));
        reason.setPrefColumnCount(30);
        GridPane form = new GridPane(12, 12);
        form.addRow(0, new Label(text.getString("alerts.silence.duration")), duration);
        form.addRow(1, new Label(text.getString("alerts.silence.reason")), reason);
        form.add(everywhere, 1, 2);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(reason.textProperty().map(String::isBlank));
        return dialog.showAndWait().filter(ButtonType.OK::equals)
                .map(ok -> new DashboardViewModel.SilenceRequest(duration.getValue(), everywhere.isSelected(), reason.getText()));
    }

    @Override
    public Optional<String> askAcknowledgement(AlertEngine.Alert alert) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(words("alerts.acknowledge"));
        dialog.setHeaderText(alert.name() + " (" + alert.labels().getOrDefault("instance", "") + ")");
        TextField comment = new TextField();
        comment.setId("acknowledge-comment");
        comment.setPromptText(text.getString("alerts.acknowledge.prompt"));
        comment.setPrefColumnCount(36);
        GridPane form = new GridPane(12, 12);
        Label what = new Label(text.getString("alerts.acknowledge.comment"));
        what.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        what.setLabelFor(comment);
        form.addRow(0, what, comment);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(comment.textProperty().map(String::isBlank));
        return dialog.showAndWait().filter(ButtonType.OK::equals).map(ok -> comment.getText());
    }

    @Override
    public void alertFired(AlertEngine.Alert alert, String summary) {
        Notifications.create().title(text.getString("alerts.fired") + " " + alert.name())
                .text(summary + " (" + alert.labels().getOrDefault("instance", "") + ")").owner(owner.get()).showWarning();
    }
}
