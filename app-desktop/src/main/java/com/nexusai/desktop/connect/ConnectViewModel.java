package com.nexusai.desktop.connect;

import java.io.IOException;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;

import com.nexusai.core.api.NexusClient;
import com.nexusai.core.api.ServerTrust;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The first screen's form and what it does: sign in to one server or a fleet in the background; a certificate no
 * authority vouches for is shown by fingerprint for the admin to compare and confirm, then the sign-in is tried
 * again; the password is cleared once used, whatever the outcome.
 */
public final class ConnectViewModel {

    public enum State { READY, SIGNING_IN, CERTIFICATE_TO_CONFIRM, FAILED }

    /** Signs in and trusts certificates: {@link FleetConnector} in the console, a fake in tests. */
    public interface Connector {

        /** @param caFile an authority's PEM file to trust first, or empty */
        List<NexusClient> signIn(String addresses, String user, String password, String caFile) throws Exception;

        void trust(String server, String fingerprint) throws IOException;
    }

    private final ResourceBundle text;
    private final TaskExecutor tasks;
    private final Connector connector;
    private final BiConsumer<List<NexusClient>, String> connected;
    private final StringProperty url = new SimpleStringProperty();
    private final StringProperty user = new SimpleStringProperty("admin");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty caFile = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.READY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper certificate = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper certificateChanged = new ReadOnlyBooleanWrapper();
    private final BooleanBinding signingIn = state.isEqualTo(State.SIGNING_IN);
    private ServerTrust.UntrustedCertificateException pending;

    /** @param connected called on the UI thread with the clients and the user's name once signed in */
    public ConnectViewModel(ResourceBundle text, TaskExecutor tasks, Connector connector, String defaultUrl,
            BiConsumer<List<NexusClient>, String> connected) {
        this.text = text;
        this.tasks = tasks;
        this.connector = connector;
        this.connected = connected;
        url.set(defaultUrl);
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public BooleanBinding signingIn() {
        return signingIn;
    }

    /** What is under way or what went wrong. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The certificate to confirm: server, subject and fingerprints. */
    public ReadOnlyStringProperty certificateProperty() {
        return certificate.getReadOnlyProperty();
    }

    /** True when the certificate to confirm replaced one trusted before (a warning in red). */
    public ReadOnlyBooleanProperty certificateChangedProperty() {
        return certificateChanged.getReadOnlyProperty();
    }

    public void signIn() {
        if (state.get() == State.SIGNING_IN) {
            return;
        }
        state.set(State.SIGNING_IN);
        message.set(text.getString("connect.signingIn"));
        String address = url.get().strip();
        String name = user.get().strip();
        String secret = password.get();
        String ca = caFile.get().strip();
        tasks.run(() -> connector.signIn(address, name, secret, ca), clients -> {
            password.set(""); // used, never kept
            state.set(State.READY);
            message.set("");
            connected.accept(clients, name);
        }, this::failed);
    }

    private void failed(Throwable failure) {
        if (failure instanceof NexusClient.UntrustedServerException untrusted) {
            pending = untrusted.certificate();
            boolean changed = pending.previousFingerprint() != null;
            certificateChanged.set(changed);
            certificate.set(String.format(text.getString(changed ? "connect.certificateChanged" : "connect.certificateUnknown"),
                    pending.server(), pending.subject(), pending.fingerprint(), pending.previousFingerprint()));
            message.set(text.getString(changed ? "connect.refusedChanged" : "connect.refusedUnknown"));
            state.set(State.CERTIFICATE_TO_CONFIRM);
        } else {
            password.set("");
            message.set(text.getString("connect.failed") + " " + failure.getMessage());
            state.set(State.FAILED);
        }
    }

    /** The admin compared the fingerprint and trusts it: remembered, and the sign-in tried again. */
    public void trustCertificate() {
        if (pending == null) {
            return;
        }
        try {
            connector.trust(pending.server(), pending.fingerprint());
        } catch (IOException e) {
            message.set(text.getString("connect.failed") + " " + e.getMessage());
            state.set(State.FAILED);
            return;
        }
        pending = null;
        signIn();
    }
}
