package com.nexusai.desktop;

import java.net.URI;
import java.time.Clock;
import java.util.ResourceBundle;
import java.util.function.Consumer;

import atlantafx.base.theme.Styles;
import com.nexusai.core.api.NexusClient;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The first screen: a server's URL, a user and a password; signing in happens in the background. */
final class ConnectView extends VBox {

    ConnectView(ResourceBundle text, Background background, String defaultUrl, Consumer<NexusClient> connected, Runnable startLocal) {
        setSpacing(16);
        setPadding(new Insets(48));
        setAlignment(Pos.CENTER);
        setMaxWidth(520);

        Label title = new Label(text.getString("connect.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        TextField url = new TextField(defaultUrl);
        TextField user = new TextField("admin");
        PasswordField password = new PasswordField();
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        Button connect = new Button(text.getString("connect.button"));
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setDefaultButton(true);

        GridPane form = new GridPane(12, 12);
        form.addRow(0, new Label(text.getString("connect.url")), url);
        form.addRow(1, new Label(text.getString("connect.user")), user);
        form.addRow(2, new Label(text.getString("connect.password")), password);
        url.setPrefColumnCount(28);

        connect.setOnAction(event -> {
            connect.setDisable(true);
            error.setText(text.getString("connect.signingIn"));
            String address = url.getText().strip();
            String name = user.getText().strip();
            String secret = password.getText();
            password.clear(); // the password is used once, never kept
            background.run(() -> {
                NexusClient client = new NexusClient(URI.create(address.endsWith("/") ? address : address + "/"), Clock.systemUTC());
                client.login(name, secret);
                client.prometheus(); // the panels need ADMIN or DEVOPS: say so now rather than on an empty dashboard
                return client;
            }, connected, failure -> {
                connect.setDisable(false);
                error.setText(text.getString("connect.failed") + " " + failure.getMessage());
            });
        });
        Button local = new Button(text.getString("connect.local"));
        local.setOnAction(event -> startLocal.run());
        getChildren().addAll(title, form, connect, error, new javafx.scene.control.Separator(), local);
    }
}
