package com.nexusai.desktop;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import com.nexusai.core.api.NexusClient;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/** The first screen: a server's URL, a user and a password; signing in happens in the background. */
final class ConnectView extends VBox {

    /**
     * Signs in to the comma-separated {@code addresses} (a fleet: the guide's app1..app3) once, on the first
     * instance that answers, and gives every instance a client sharing that sign-in. An instance that
     * cannot be reached is kept (its panels show it down, with the reason, and it is retried); an instance
     * that refuses the shared sign-in (another platform) gets its own. Fails when no instance can be
     * reached, or when the account cannot read the panels (they need ADMIN or DEVOPS). Blocking: call it
     * off the FX thread.
     */
    static List<NexusClient> connectAll(String addresses, String user, String password) throws Exception {
        List<URI> instances = java.util.Arrays.stream(addresses.split("\\s*,\\s*")).filter(one -> !one.isBlank())
                .map(one -> URI.create(one.endsWith("/") ? one : one + "/")).distinct().toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no server address");
        }
        NexusClient signedIn = null;
        List<String> unreachable = new java.util.ArrayList<>();
        for (URI instance : instances) {
            NexusClient client = new NexusClient(instance, Clock.systemUTC());
            try {
                client.login(user, password);
                signedIn = client;
                break;
            } catch (NexusClient.ApiException e) {
                if (e.status() != 0) {
                    throw e; // wrong password, or a server that refuses: the same on every instance
                }
                unreachable.add(e.getMessage());
            }
        }
        if (signedIn == null) {
            throw new java.io.IOException(String.join("; ", unreachable));
        }
        List<NexusClient> clients = new java.util.ArrayList<>();
        for (URI instance : instances) {
            NexusClient client = instance.equals(signedIn.base()) ? signedIn : signedIn.sharingSignIn(instance);
            try {
                client.prometheus();
            } catch (NexusClient.ApiException e) {
                if (e.status() == 401) {
                    client = new NexusClient(instance, Clock.systemUTC());
                    client.login(user, password);
                    client.prometheus();
                } else if (e.status() != 0) {
                    throw new java.io.IOException(instance.getAuthority() + ": " + e.getMessage(), e);
                }
                // unreachable now: kept, its monitor shows why and retries
            }
            clients.add(client);
        }
        return List.copyOf(clients);
    }

    ConnectView(ResourceBundle text, Background background, String defaultUrl, java.util.function.BiConsumer<List<NexusClient>, String> connected, Runnable startLocal) {
        setSpacing(16);
        setPadding(new Insets(48));
        setAlignment(Pos.CENTER);
        setMaxWidth(520);

        Label title = new Label(text.getString("connect.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        title.setWrapText(true); // "Se connecter à un serveur NexusAI" is wider than the form
        title.setTextAlignment(TextAlignment.CENTER);
        TextField url = new TextField(defaultUrl);
        TextField user = new TextField("admin");
        PasswordField password = new PasswordField();
        url.setId("url");
        user.setId("user");
        password.setId("password");
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        Button connect = new Button(text.getString("connect.button"));
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setDefaultButton(true);
        connect.setId("connect");

        GridPane form = new GridPane(12, 12);
        form.addRow(0, new Label(text.getString("connect.url")), url);
        form.addRow(1, new Label(text.getString("connect.user")), user);
        form.addRow(2, new Label(text.getString("connect.password")), password);
        // the labels keep their full width ("Server", "Mot de passe"); the fields take what is left
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
        url.setPrefColumnCount(28);
        url.setPromptText("http://app1:8080, http://app2:8080");

        connect.setOnAction(event -> {
            connect.setDisable(true);
            error.setText(text.getString("connect.signingIn"));
            String address = url.getText().strip();
            String name = user.getText().strip();
            String secret = password.getText();
            password.clear(); // the password is used once, never kept
            background.run(() -> connectAll(address, name, secret), clients -> connected.accept(clients, name), failure -> {
                connect.setDisable(false);
                error.setText(text.getString("connect.failed") + " " + failure.getMessage());
            });
        });
        Button local = new Button(text.getString("connect.local"));
        local.setOnAction(event -> startLocal.run());
        getChildren().addAll(title, form, connect, error, new javafx.scene.control.Separator(), local);
    }
}
