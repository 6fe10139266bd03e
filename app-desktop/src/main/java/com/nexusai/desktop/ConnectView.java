package com.nexusai.desktop;

import java.net.URI;
import java.time.Clock;
import java.util.List;
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

    /**
     * Signs in to each of the comma-separated {@code addresses} (a fleet: the guide's app1..app3) with the
     * same account, and checks the panels can be read (they need ADMIN or DEVOPS). Blocking: call it off the FX thread.
     */
    static List<NexusClient> connectAll(String addresses, String user, String password) throws Exception {
        List<NexusClient> clients = new java.util.ArrayList<>();
        for (String one : addresses.split("\\s*,\\s*")) {
            NexusClient client = new NexusClient(URI.create(one.endsWith("/") ? one : one + "/"), Clock.systemUTC());
            client.login(user, password);
            client.prometheus();
            clients.add(client);
        }
        return List.copyOf(clients);
    }

    ConnectView(ResourceBundle text, Background background, String defaultUrl, Consumer<List<NexusClient>> connected, Runnable startLocal) {
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
        url.setPromptText("http://app1:8080, http://app2:8080");

        connect.setOnAction(event -> {
            connect.setDisable(true);
            error.setText(text.getString("connect.signingIn"));
            String address = url.getText().strip();
            String name = user.getText().strip();
            String secret = password.getText();
            password.clear(); // the password is used once, never kept
            background.run(() -> connectAll(address, name, secret), connected, failure -> {
                connect.setDisable(false);
                error.setText(text.getString("connect.failed") + " " + failure.getMessage());
            });
        });
        Button local = new Button(text.getString("connect.local"));
        local.setOnAction(event -> startLocal.run());
        getChildren().addAll(title, form, connect, error, new javafx.scene.control.Separator(), local);
    }
}
