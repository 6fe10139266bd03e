package com.nexusai.desktop.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.nexusai.core.api.NexusClient;
import com.nexusai.core.api.ServerTrust;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** The sign-in screen's behaviour against a scripted connector, on the current thread. */
class ConnectViewModelTest {

    final ResourceBundle text = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH);
    final ScriptedConnector connector = new ScriptedConnector();
    final List<String> connected = new ArrayList<>();
    final ConnectViewModel model = new ConnectViewModel(text, new CurrentThreadTaskExecutor(), connector, "https://localhost:8443",
            (clients, user) -> connected.add(user + " " + clients.size()));

    /** Each sign-in takes the next outcome: a failure to throw, or a number of clients. */
    static final class ScriptedConnector implements ConnectViewModel.Connector {
        final Deque<Object> outcomes = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        final List<String> trusted = new ArrayList<>();

        @Override
        public List<NexusClient> signIn(String addresses, String user, String password, String caFile) throws Exception {
            calls.add(addresses + " " + user + " " + password + " [" + caFile + "]");
            Object outcome = outcomes.removeFirst();
            if (outcome instanceof Exception failure) {
                throw failure;
            }
            List<NexusClient> clients = new ArrayList<>();
            for (int i = 0; i < (Integer) outcome; i++) {
                clients.add(new NexusClient(java.net.URI.create("https://app" + i + ":8443/"), java.time.Clock.systemUTC()));
            }
            return clients;
        }

        @Override
        public void trust(String server, String fingerprint) {
            trusted.add(server + " " + fingerprint);
        }
    }

    static NexusClient.UntrustedServerException untrusted(String previous) {
        return new NexusClient.UntrustedServerException(new ServerTrust.UntrustedCertificateException("app1:8443", "AB:CD", "CN=app1", previous));
    }

    @Test
    void aFleetSignsInAndThePasswordIsNotKept() {
        connector.outcomes.add(3);
        model.urlProperty().set(" https://app1:8443, https://app2:8443, https://app3:8443 ");
        model.userProperty().set("ops");
        model.passwordProperty().set("s3cret");
        model.caFileProperty().set("/etc/nexusai/ca.pem");
        model.signIn();
        assertThat(connector.calls).containsExactly("https://app1:8443, https://app2:8443, https://app3:8443 ops s3cret [/etc/nexusai/ca.pem]");
        assertThat(connected).containsExactly("ops 3");
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.stateProperty().get()).isEqualTo(ConnectViewModel.State.READY);
    }

    @Test
    void aWrongPasswordSaysSoClearsThePasswordAndLetsTheUserTryAgain() {
        connector.outcomes.add(new NexusClient.ApiException(401, "Bad credentials"));
        model.passwordProperty().set("wrong");
        model.signIn();
        assertThat(model.stateProperty().get()).isEqualTo(ConnectViewModel.State.FAILED);
        assertThat(model.messageProperty().get()).isEqualTo(text.getString("connect.failed") + " Bad credentials");
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.signingIn().get()).isFalse();
        assertThat(connected).isEmpty();
    }

    @Test
    void anUnknownCertificateIsShownForConfirmationThenTrustedAndTheSignInRetried() {
        connector.outcomes.add(untrusted(null));
        connector.outcomes.add(1);
        model.passwordProperty().set("s3cret");
        model.signIn();
        assertThat(model.stateProperty().get()).isEqualTo(ConnectViewModel.State.CERTIFICATE_TO_CONFIRM);
        assertThat(model.certificateChangedProperty().get()).isFalse();
        assertThat(model.certificateProperty().get()).contains("app1:8443").contains("AB:CD").contains("CN=app1");
        assertThat(model.passwordProperty().get()).as("kept for the retry after the confirmation").isEqualTo("s3cret");
        model.trustCertificate();
        assertThat(connector.trusted).containsExactly("app1:8443 AB:CD");
        assertThat(connector.calls).hasSize(2);
        assertThat(connected).containsExactly("admin 1");
    }

    @Test
    void aChangedCertificateIsAWarningOfItsOwn() {
        connector.outcomes.add(untrusted("01:02"));
        model.signIn();
        assertThat(model.certificateChangedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo(text.getString("connect.refusedChanged"));
        assertThat(model.certificateProperty().get()).contains("01:02").contains("AB:CD");
    }

    @Test
    void aTrustStoreThatCannotBeWrittenIsAFailureNotARetry() {
        ConnectViewModel refusing = new ConnectViewModel(text, new CurrentThreadTaskExecutor(), new ConnectViewModel.Connector() {
            @Override
            public List<NexusClient> signIn(String addresses, String user, String password, String caFile) throws Exception {
                throw untrusted(null);
            }

            @Override
            public void trust(String server, String fingerprint) throws IOException {
                throw new IOException("read-only file system");
            }
        }, "https://localhost:8443", (clients, user) -> connected.add(user));
        refusing.signIn();
        refusing.trustCertificate();
        assertThat(refusing.stateProperty().get()).isEqualTo(ConnectViewModel.State.FAILED);
        assertThat(refusing.messageProperty().get()).endsWith("read-only file system");
        assertThat(connected).isEmpty();
    }
}
