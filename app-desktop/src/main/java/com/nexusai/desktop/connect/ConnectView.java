package com.nexusai.desktop.connect;

import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/** The first screen: a server's URL, a user and a password, bound to its {@link ConnectViewModel}. */
public final class ConnectView extends VBox {

    public ConnectView(ResourceBundle text, ConnectViewModel model, Runnable startLocal) {
        setSpacing(16);
        setPadding(new Insets(48));
        setAlignment(Pos.CENTER);
        setMaxWidth(520);

        Label title = new Label(text.getString("connect.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        title.setWrapText(true); // "Se connecter à un serveur NexusAI" is wider than the form
        title.setTextAlignment(TextAlignment.CENTER);
        TextField url = new TextField();
        TextField user = new TextField();
        PasswordField password = new PasswordField();
        url.textProperty().bindBidirectional(model.urlProperty());
        user.textProperty().bindBidirectional(model.userProperty());
        password.textProperty().bindBidirectional(model.passwordProperty());
        url.setId("url");
        user.setId("user");
        password.setId("password");
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(model.messageProperty());
        Button connect = new Button(text.getString("connect.button"));
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setDefaultButton(true);
        connect.setId("connect");
        connect.disableProperty().bind(model.signingIn());

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
        caFile.textProperty().bindBidirectional(model.caFileProperty());
        form.addRow(3, new Label(text.getString("connect.caFile")), caFile);

        // a certificate no CA vouches for (keytool's, §4.1): shown by fingerprint for the admin to compare and confirm
        Label certificate = new Label();
        certificate.setId("certificate");
        certificate.setWrapText(true);
        certificate.textProperty().bind(model.certificateProperty());
        Button trustIt = new Button();
        trustIt.setId("trust-certificate");
        trustIt.textProperty().bind(model.certificateChangedProperty().map(changed -> text.getString(changed ? "connect.trustChanged" : "connect.trust")));
        model.certificateChangedProperty().addListener((observable, was, changed) -> markCertificate(certificate, changed));
        markCertificate(certificate, model.certificateChangedProperty().get());
        VBox confirm = new VBox(8, certificate, trustIt);
        confirm.setId("certificate-confirm");
        confirm.visibleProperty().bind(model.stateProperty().isEqualTo(ConnectViewModel.State.CERTIFICATE_TO_CONFIRM));
        confirm.managedProperty().bind(confirm.visibleProperty());
        connect.setOnAction(event -> model.signIn());
        trustIt.setOnAction(event -> model.trustCertificate());
        Button local = new Button(text.getString("connect.local"));
        local.setOnAction(event -> startLocal.run());
        getChildren().addAll(title, form, connect, error, confirm, new Separator(), local);
    }

    private static void markCertificate(Label certificate, boolean changed) {
        certificate.getStyleClass().setAll("label", changed ? Styles.DANGER : Styles.WARNING);
    }
}
