package com.nexusai.desktop.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * TLS in front of a plain server on loopback, with a certificate keytool made as the guide's §4.1 does:
 * the console sees a server on https with a self-signed certificate. A relay started again on the same
 * port with another key store is a server whose certificate changed.
 */
final class TlsRelay implements AutoCloseable {

    private final SSLServerSocket socket;
    private final X509Certificate certificate;
    private final int target;

    private TlsRelay(SSLServerSocket socket, X509Certificate certificate, int target) {
        this.socket = socket;
        this.certificate = certificate;
        this.target = target;
        Thread.ofPlatform().daemon().name("tls-relay").start(this::accept);
    }

    /** A key store for 127.0.0.1 made by keytool. */
    static Path keystore(Path file, String password) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "nexusai", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-validity", "30", "-dname", "CN=nexusai.fr,O=NexusAI,L=Paris,C=FR",
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return file;
    }

    static TlsRelay start(Path keystore, String password, int port, int target) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new TlsRelay(socket, (X509Certificate) store.getCertificate("nexusai"), target);
    }

    int port() {
        return socket.getLocalPort();
    }

    X509Certificate certificate() {
        return certificate;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                Thread.ofVirtual().start(() -> pipe(client, server));
                Thread.ofVirtual().start(() -> pipe(server, client));
            } catch (IOException e) {
                // closed, or a client that gave up during the handshake
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed (or the handshake was refused): close both
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
