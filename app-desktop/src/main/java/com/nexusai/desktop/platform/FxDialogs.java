package com.nexusai.desktop.platform;

import java.util.ResourceBundle;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** What every tab's dialogs share: the console's texts, the window that owns them, and a yes/no question. */
public abstract class FxDialogs {

    protected final ResourceBundle text;
    protected final Supplier<Window> owner;

    protected FxDialogs(ResourceBundle text, Supplier<Window> owner) {
        this.text = text;
        this.owner = owner;
    }

    /** The text of {@code key} without its mnemonic mark: a button's label ("_Restore...") as a dialog's title. */
    protected String words(String key) {
        return text.getString(key).replaceFirst("_(?=.)", "");
    }

    /** Yes or no; closing the dialog is no. */
    protected boolean yes(String question) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.YES, ButtonType.NO);
        ask.initOwner(owner.get());
        ask.setHeaderText(null);
        return ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }
}
