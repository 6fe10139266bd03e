package com.nexusai.desktop.shell;

import java.io.IOException;
import java.util.ResourceBundle;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Help > About: the console's version, Java's and JavaFX's, the server's, and the licences of what the console is made of. */
final class About {

    /** The libraries the console ships, with their licences. */
    static final String LICENCES = String.join("\n",
            "OpenJDK (GPL v2 with the Classpath Exception)",
            "OpenJFX (GPL v2 with the Classpath Exception)",
            "AtlantaFX (MIT)",
            "ControlsFX (BSD 3-Clause)",
            "Jackson (Apache 2.0)",
            "picocli (Apache 2.0)",
            "commonmark-java (BSD 2-Clause)");

    private About() {
    }

    /** @param serverVersion what the server said, or why it did not */
    static String text(ResourceBundle text, String serverVersion) {
        String console;
        try {
            console = ConsoleCommand.version();
        } catch (IOException e) {
            console = "?";
        }
        return String.format(text.getString("about.text"), console, Runtime.version(), ConsoleCommand.javafxVersion(), serverVersion) + "\n\n"
                + text.getString("about.licences") + "\n" + LICENCES;
    }

    static void show(ResourceBundle text, Window owner, String serverVersion) {
        TextArea content = new TextArea(text(text, serverVersion));
        content.setId("about-text");
        content.setEditable(false);
        content.setWrapText(true);
        content.setPrefRowCount(14);
        Alert about = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        about.initOwner(owner);
        about.setTitle(text.getString("menu.about"));
        about.setHeaderText("NexusAI");
        about.getDialogPane().setContent(content);
        about.show();
    }
}
