package com.nexusai.core.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which TLS certificates the console accepts from a server: those the system trusts, those signed by the
 * CA files the admin added (an internal CA), and a server's own certificate the admin confirmed by its
 * SHA-256 fingerprint (a keytool certificate, guide §4.1), remembered per server in {@code file}. A
 * confirmed certificate that later changes is refused, never accepted silently: the admin must confirm
 * the new one. One instance serves every client of the console (fleet, local server, streams, downloads).
 */
public final class ServerTrust {

    /** The server's certificate is not trusted; {@link #fingerprint()} is what the admin may confirm. */
    public static final class UntrustedCertificateException extends CertificateException {

        private final String server;
        private final String fingerprint;
        private final String subject;
        private final String previousFingerprint;

        public UntrustedCertificateException(String server, String fingerprint, String subject, String previousFingerprint) {
            super(previousFingerprint == null
                    ? "The certificate of " + server + " is not trusted (" + subject + ", SHA-256 " + fingerprint + ")"
                    : "The certificate of " + server + " CHANGED: it was SHA-256 " + previousFingerprint + ", it is now "
                            + fingerprint + " (" + subject + "). Refused: confirm the new one only if the server's admin changed it");
            this.server = server;
            this.fingerprint = fingerprint;
            this.subject = subject;
            this.previousFingerprint = previousFingerprint;
        }

        /** {@code host:port}. */
        public String server() {
            return server;
        }

        public String fingerprint() {
            return fingerprint;
        }

        public String subject() {
            return subject;
        }

        /** The fingerprint confirmed before, when the certificate changed since; else null. */
        public String previousFingerprint() {
            return previousFingerprint;
        }
    }

    private final Path file;
    private final Properties pinned = new Properties();
    private final List<Path> caFiles = new ArrayList<>();
    private volatile SSLContext context;

    /** The trust kept in {@code file} (created when the first certificate is confirmed). */
    public ServerTrust(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                pinned.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the trusted servers in " + file, e);
            }
            String cas = pinned.getProperty("ca-files", "");
            for (String ca : cas.split(java.io.File.pathSeparator)) {
                if (!ca.isBlank()) {
                    caFiles.add(Path.of(ca));
                }
            }
        }
    }

    /** Trusts only what the system trusts, remembering nothing (tests, tools). */
    public static ServerTrust systemOnly() {
        return new ServerTrust(null);
    }

    /**
     * Built on first use, not in the constructor: loading the system's CA certificates takes a tenth of a second,
     * which the console's first frame should not wait for (its clients are made on a background thread).
     */
    public SSLContext sslContext() {
        SSLContext built = context;
        if (built == null) {
            synchronized (this) {
                if (context == null) {
                    context = build();
                }
                built = context;
            }
        }
        return built;
    }

    /** Also trusts what the CA certificates in {@code pem} (PEM or DER) signed; remembered. */
    public synchronized void addCaFile(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new IOException(pem + " holds no certificate");
            }
        } catch (CertificateException e) {
            throw new IOException(pem + " is not a certificate file (PEM or DER): " + e.getMessage(), e);
        }
        Path absolute = pem.toAbsolutePath();
        if (!caFiles.contains(absolute)) {
            caFiles.add(absolute);
        }
        pinned.setProperty("ca-files", String.join(java.io.File.pathSeparator, caFiles.stream().map(Path::toString).toList()));
        save();
        context = null; // rebuilt with the change on next use
    }

    /** Trusts the certificate of {@code server} ({@code host:port}) with this fingerprint, replacing an earlier one. */
    public synchronized void confirm(String server, String fingerprint) throws IOException {
        pinned.setProperty(key(server), fingerprint);
        save();
        context = null; // rebuilt with the change on next use
    }

    /** The fingerprint confirmed for {@code server}, or null. */
    public String confirmed(String server) {
        return pinned.getProperty(key(server));
    }

    /** SHA-256 of the certificate's DER form, as {@code AB:CD:...} (what keytool -list and openssl print). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String server) {
        return "server." + server.toLowerCase(Locale.ROOT);
    }

    private void save() throws IOException {
        if (file == null) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = Files.newOutputStream(temporary)) {
            pinned.store(out, "Servers whose TLS certificate the NexusAI console trusts (SHA-256), and added CA files");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private SSLContext build() {
        try {
            X509ExtendedTrustManager system = trustManager(null);
            X509ExtendedTrustManager cas = caFiles.isEmpty() ? null : trustManager(caStore());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new Pinning(system, cas)}, null);
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    private KeyStore caStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (Path ca : caFiles) {
            try (InputStream in = Files.newInputStream(ca)) {
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + n++, certificate);
                }
            }
        }
        return store;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * The system's and the CA files' checks, host name included; failing those, the server's confirmed
     * certificate, compared whole by fingerprint (so its name does not matter: keytool's CN is the public
     * name, while the console may use an address).
     */
    private final class Pinning extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager system;
        private final X509ExtendedTrustManager cas;

        Pinning(X509ExtendedTrustManager system, X509ExtendedTrustManager cas) {
            this.system = system;
            this.cas = cas;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            String server = engine == null || engine.getPeerHost() == null ? "unknown" : engine.getPeerHost() + ":" + engine.getPeerPort();
            try {
                system.checkServerTrusted(chain, authType, engine);
                return;
            } catch (CertificateException notBySystem) {
                if (cas != null) {
                    try {
                        cas.checkServerTrusted(chain, authType, engine);
                        return;
                    } catch (CertificateException notByCa) {
                        // the confirmed certificate, below
                    }
                }
            }
            String fingerprint = fingerprint(chain[0]);
            String confirmed = confirmed(server);
            if (fingerprint.equals(confirmed)) {
                return;
            }
            throw new UntrustedCertificateException(server, fingerprint, chain[0].getSubjectX500Principal().getName(), confirmed);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            system.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            system.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the console does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the console does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the console does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return system.getAcceptedIssuers();
        }
    }
}
