package com.nexusai.desktop.chat;

import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import com.nexusai.desktop.platform.FxDialogs;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/** The chat's questions as JavaFX dialogs owned by the console's window. */
public final class ChatDialogs extends FxDialogs implements ChatViewModel.Dialogs {

    private final java.util.function.Consumer<String> browser;

    /** @param browser opens a web page or a mail address (the application's host services) */
    public ChatDialogs(ResourceBundle text, Supplier<Window> owner, java.util.function.Consumer<String> browser) {
        super(text, owner);
        this.browser = browser;
    }

    @Override
    public void openLink(String url) {
        browser.accept(url);
    }

    @Override
    public Optional<String> askTitle(String current) {
        TextInputDialog ask = new TextInputDialog(current);
        ask.initOwner(owner.get());
        ask.setHeaderText(text.getString("chat.renameTitle"));
        return ask.showAndWait().map(String::strip).filter(title -> !title.isEmpty());
    }

    @Override
    public boolean confirmAction(String description) {
        return yes(description);
    }

    @Override
    public boolean confirmDelete(String title) {
        return yes(String.format(text.getString("chat.deleteConfirm"), title));
    }
}
