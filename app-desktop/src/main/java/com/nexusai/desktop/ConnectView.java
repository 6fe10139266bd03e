package com.nexusai.desktop;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.api.ServerTrust;
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
    static List<NexusClient> connectAll(ServerTrust trust, String addresses, String user, String password) throws Exception {
        List<URI> instances = java.util.Arrays.stream(addresses.split("\\s*,\\s*")).filter(one -> !one.isBlank())
                .map(one -> URI.create(one.endsWith("/") ? one : one + "/")).distinct().toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no server address");
        }
        NexusClient signedIn = null;
        List<String> unreachable = new java.util.ArrayList<>();
        for (URI instance : instances) {
            NexusClient client = new NexusClient(instance, Clock.systemUTC(), trust);
            try {
                client.login(user, password);
                signedIn = client;
                break;
            } catch (NexusClient.ApiException e) {
                if (e.status() != 0 || e instanceof NexusClient.UntrustedServerException) {
                    throw e; // wrong password, a server that refuses, or a certificate to confirm first
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
                if (e instanceof NexusClient.UntrustedServerException) {
                    throw e; // another instance's certificate: confirmed one at a time, never in passing
                }
                if (e.status() == 401) {
                    client = new NexusClient(instance, Clock.systemUTC(), trust);
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

    ConnectView(ResourceBundle text, Background background, ServerTrust trust, String defaultUrl,
            java.util.function.BiConsumer<List<NexusClient>, String> connected, Runnable startLocal) {
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
        url.setPromptText("https://app1:8443, https://app2:8443");
        TextField caFile = new TextField();
        caFile.setId("ca-file");
        caFile.setPromptText(text.getString("connect.caFile.prompt"));
        form.addRow(3, new Label(text.getString("connect.caFile")), caFile);

        // a certificate no CA vouches for (keytool's, §4.1): shown by fingerprint for the admin to compare and confirm
        Label certificate = new Label();
        certificate.setId("certificate");
        certificate.setWrapText(true);
        Button trustIt = new Button(text.getString("connect.trust"));
        trustIt.setId("trust-certificate");
        VBox confirm = new VBox(8, certificate, trustIt);
        confirm.setId("certificate-confirm");
        confirm.setVisible(false);
        confirm.managedProperty().bind(confirm.visibleProperty());
        NexusClient.UntrustedServerException[] pending = new NexusClient.UntrustedServerException[1];

        Runnable signIn = () -> {
            connect.setDisable(true);
            confirm.setVisible(false);
            error.setText(text.getString("connect.signingIn"));
            String address = url.getText().strip();
            String name = user.getText().strip();
            String secret = password.getText();
            String ca = caFile.getText().strip();
            background.run(() -> {
                if (!ca.isEmpty()) {
                    trust.addCaFile(java.nio.file.Path.of(ca));
                }
                return connectAll(trust, address, name, secret);
            }, clients -> {
                password.clear(); // used, never kept
                connected.accept(clients, name);
            }, failure -> {
                connect.setDisable(false);
                if (failure instanceof NexusClient.UntrustedServerException untrusted) {
                    pending[0] = untrusted;
                    var details = untrusted.certificate();
                    boolean changed = details.previousFingerprint() != null;
                    certificate.setText(String.format(text.getString(changed ? "connect.certificateChanged" : "connect.certificateUnknown"),
                            details.server(), details.subject(), details.fingerprint(), details.previousFingerprint()));
                    certificate.getStyleClass().setAll("label", changed ? Styles.DANGER : Styles.WARNING);
                    trustIt.setText(text.getString(changed ? "connect.trustChanged" : "connect.trust"));
                    confirm.setVisible(true);
                    error.setText(text.getString(changed ? "connect.refusedChanged" : "connect.refusedUnknown"));
                } else {
                    password.clear();
                    error.setText(text.getString("connect.failed") + " " + failure.getMessage());
                }
            });
        };
        connect.setOnAction(event -> signIn.run());
        trustIt.setOnAction(event -> {
            var details = pending[0].certificate();
            try {
                trust.confirm(details.server(), details.fingerprint());
            } catch (java.io.IOException e) {
                error.setText(text.getString("connect.failed") + " " + e.getMessage());
                return;
            }
            signIn.run();
        });
        Button local = new Button(text.getString("connect.local"));
        local.setOnAction(event -> startLocal.run());
        getChildren().addAll(title, form, connect, error, confirm, new javafx.scene.control.Separator(), local);
    }
}
