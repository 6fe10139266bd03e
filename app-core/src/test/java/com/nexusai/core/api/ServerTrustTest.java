package com.nexusai.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's TLS trust against real TLS servers on loopback whose certificates keytool made (guide
 * §4.1): refused until confirmed by fingerprint, then trusted and remembered; a changed certificate
 * refused; an added CA file trusted without confirming anything.
 */
class ServerTrustTest {

    private static final String PASSWORD = "store-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void aKeytoolCertificateIsRefusedUntilItsFingerprintIsConfirmedAndThenRemembered() throws Exception {
        Path trustFile = dir.resolve("trusted-servers.properties");
        try (TlsServer server = TlsServer.start(keystore("one"))) {
            ServerTrust trust = new ServerTrust(trustFile);
            NexusClient.UntrustedServerException refused = catchUntrusted(() -> client(server, trust).login("u", "password"));
            assertThat(refused.certificate().server()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(refused.certificate().fingerprint()).isEqualTo(ServerTrust.fingerprint(server.certificate()));
            assertThat(refused.certificate().previousFingerprint()).isNull();
            assertThat(refused.getMessage()).contains("not trusted", "CN=localhost");

            trust.confirm(refused.certificate().server(), refused.certificate().fingerprint());
            client(server, trust).login("u", "password");
            assertThat(server.requests()).isEqualTo(1);

            client(server, new ServerTrust(trustFile)).login("u", "password");
            assertThat(server.requests()).as("remembered in the file").isEqualTo(2);
        }
    }

    @Test
    void aCertificateThatChangedAfterItWasConfirmedIsRefused() throws Exception {
        ServerTrust trust = new ServerTrust(dir.resolve("trusted-servers.properties"));
        try (TlsServer first = TlsServer.start(keystore("first")); TlsServer second = TlsServer.start(keystore("second"))) {
            // the address of `second` was confirmed with the certificate `first` shows: as if the server's key changed
            String server = "127.0.0.1:" + second.port();
            trust.confirm(server, ServerTrust.fingerprint(first.certificate()));
            NexusClient.UntrustedServerException refused = catchUntrusted(() -> client(second, trust).login("u", "password"));
            assertThat(refused.certificate().previousFingerprint()).isEqualTo(ServerTrust.fingerprint(first.certificate()));
            assertThat(refused.getMessage()).contains("CHANGED", ServerTrust.fingerprint(second.certificate()));
            assertThat(second.requests()).isZero();
        }
    }

    @Test
    void aCaFileTrustsTheServersItSignedWithoutConfirmingEach() throws Exception {
        Path keystore = keystore("ca");
        try (TlsServer server = TlsServer.start(keystore)) {
            Path pem = dir.resolve("ca.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(server.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            ServerTrust trust = new ServerTrust(dir.resolve("trusted-servers.properties"));
            catchUntrusted(() -> client(server, trust).login("u", "password"));
            trust.addCaFile(pem);
            client(server, trust).login("u", "password");
            assertThat(server.requests()).isEqualTo(1);
            assertThatThrownBy(() -> trust.addCaFile(dir.resolve("trusted-servers.properties"))).hasMessageContaining("not a certificate file");
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static NexusClient.UntrustedServerException catchUntrusted(Call call) {
        try {
            call.run();
        } catch (NexusClient.UntrustedServerException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an untrusted certificate, got " + e, e);
        }
        throw new AssertionError("expected an untrusted certificate, the call succeeded");
    }

    private static NexusClient client(TlsServer server, ServerTrust trust) {
        return new NexusClient(URI.create("https://127.0.0.1:" + server.port()), Clock.systemUTC(), trust);
    }

    /** A PKCS12 key store made the guide's way (keytool), for 127.0.0.1. */
    private Path keystore(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "nexusai", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-validity", "30", "-dname", "CN=localhost,O=NexusAI,L=Paris,C=FR",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        return store;
    }

    /** An HTTPS server that answers every request with a sign-in answer, on loopback. */
    private static final class TlsServer implements AutoCloseable {

        private static final String ANSWER = "{\"tokenType\":\"Bearer\",\"accessToken\":\"a\",\"expiresIn\":3600,"
                + "\"refreshToken\":\"r\",\"refreshExpiresIn\":7200}";

        private final SSLServerSocket socket;
        private final X509Certificate certificate;
        private final Thread acceptor;
        private volatile int requests;

        private TlsServer(SSLServerSocket socket, X509Certificate certificate) {
            this.socket = socket;
            this.certificate = certificate;
            this.acceptor = Thread.ofPlatform().daemon().start(this::serve);
        }

        static TlsServer start(Path keystore) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                    InetAddress.getLoopbackAddress());
            return new TlsServer(socket, (X509Certificate) store.getCertificate("nexusai"));
        }

        int port() {
            return socket.getLocalPort();
        }

        X509Certificate certificate() {
            return certificate;
        }

        int requests() {
            return requests;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.startHandshake();
                    InputStream in = client.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.append((char) b);
                    }
                    String lengthLine = head.toString().lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                            .findFirst().orElse("content-length: 0");
                    in.readNBytes(Integer.parseInt(lengthLine.substring(15).strip()));
                    requests++;
                    byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (Exception e) {
                    // a refused handshake (the client did not trust us) or the socket closed: next one
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(2000);
        }
    }
}
