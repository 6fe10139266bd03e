package com.nexusai.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates an admin makes for the guide's TLS (docs/ops.md: TLS end to end), made the same way: keytool's
 * PKCS12 key store for the instances and its certificate as PEM (what HAProxy verifies them with), openssl's
 * certificate and key for HAProxy's front end, and the trust a client needs for each.
 */
public record TlsMaterial(Path keystore, String storePassword, Path instancesCa, Path proxyCertificate, Path proxyPem,
        SSLContext instancesTrust, SSLContext proxyTrust, DataTier dataTier) {

    /**
     * The data tier's certificates as an ops team makes them: an authority of its own ({@code ca}, env.sh's
     * DATA_TIER_CA_FILE) and one server certificate it signed for 127.0.0.1/localhost, used by every server on this
     * loopback host: PEM certificate and key (PostgreSQL, Redis), both in one PEM file (Kafka's PEM key store) and
     * in a PKCS12 key store (the S3 store's Jetty).
     */
    public record DataTier(Path ca, Path certificate, Path key, Path keyAndCertificate, Path keystore, String keystorePassword,
            SSLContext trust) {

        static DataTier make(Path dir) throws Exception {
            Path ca = dir.resolve("data-tier-ca.pem");
            Path caKey = dir.resolve("data-tier-ca-key.pem");
            run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=NexusAI data tier CA",
                    "-keyout", caKey.toString(), "-out", ca.toString());
            Path key = dir.resolve("data-tier-server-key.pem");
            Path request = dir.resolve("data-tier-server.csr");
            run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", request.toString());
            Path extensions = dir.resolve("data-tier-server.ext");
            Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
            Path certificate = dir.resolve("data-tier-server.pem");
            run("openssl", "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(), "-CAcreateserial",
                    "-days", "2", "-extfile", extensions.toString(), "-out", certificate.toString());
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path keyAndCertificate = dir.resolve("data-tier-server-bundle.pem");
            Files.writeString(keyAndCertificate, Files.readString(key) + Files.readString(certificate));
            String password = "data-tier-" + UUID.randomUUID();
            Path keystore = dir.resolve("data-tier-server.p12");
            run("openssl", "pkcs12", "-export", "-in", certificate.toString(), "-inkey", key.toString(), "-name", "server",
                    "-out", keystore.toString(), "-passout", "pass:" + password);
            return new DataTier(ca, certificate, key, keyAndCertificate, keystore, password, trusting(ca));
        }
    }

    public static TlsMaterial make(Path dir) throws Exception {
        Files.createDirectories(dir);
        String password = "keystore-" + UUID.randomUUID();
        Path keystore = dir.resolve("nexusai.p12");
        Path instancesCa = dir.resolve("nexusai-instances.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "nexusai", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-validity", "365", "-dname", "CN=localhost,O=NexusAI,L=Paris,C=FR",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storepass", password, "-keypass", password);
        run(keytool, "-exportcert", "-rfc", "-alias", "nexusai", "-keystore", keystore.toString(), "-storepass", password,
                "-file", instancesCa.toString());
        Path proxyCertificate = dir.resolve("proxy-cert.pem");
        Path proxyKey = dir.resolve("proxy-key.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", proxyKey.toString(), "-out", proxyCertificate.toString());
        Path proxyPem = dir.resolve("nexusai.pem");
        Files.writeString(proxyPem, Files.readString(proxyCertificate) + Files.readString(proxyKey));
        return new TlsMaterial(keystore, password, instancesCa, proxyCertificate, proxyPem, trusting(instancesCa), trusting(proxyCertificate),
                DataTier.make(dir));
    }

    public static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    public static SSLContext trusting(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (var in = Files.newInputStream(pem)) {
            trusted.setCertificateEntry("trusted", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
