package com.nexusai.desktop.operations;

import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import com.nexusai.core.backups.Backup;
import com.nexusai.desktop.platform.FxDialogs;
import com.nexusai.desktop.platform.Tables;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The operations tab's questions as JavaFX dialogs owned by the console's window. */
public final class OperationsDialogs extends FxDialogs implements OperationsViewModel.Dialogs {

    public OperationsDialogs(ResourceBundle text, Supplier<Window> owner) {
        super(text, owner);
    }

    @Override
    public boolean confirm(String question) {
        return yes(question);
    }

    @Override
    public Optional<String> confirmRestore(Backup backup) {
        String id = backup.id();
        TextField typed = new TextField();
        typed.setId("restore-confirm");
        typed.setPromptText(id);
        Label warning = new Label(String.format(text.getString("ops.restoreWarning"), backup.kind(),
                backup.startedAt() == null ? "" : Tables.time(backup.startedAt().toString()), id));
        warning.setWrapText(true);
        warning.setMaxWidth(560);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(words("ops.restore"));
        dialog.getDialogPane().setContent(new VBox(10, warning, typed));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(typed.textProperty().map(t -> !t.strip().equals(id)));
        return dialog.showAndWait().filter(ButtonType.OK::equals).map(ok -> typed.getText().strip());
    }
}
