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
 * The certificates an admin makes for the guide's TLS (README: TLS end to end), made the same way: keytool's
 * PKCS12 key store for the instances and its certificate as PEM (what HAProxy verifies them with), openssl's
 * certificate and key for HAProxy's front end, and the trust a client needs for each.
 */
public record TlsMaterial(Path keystore, String storePassword, Path instancesCa, Path proxyCertificate, Path proxyPem,
        SSLContext instancesTrust, SSLContext proxyTrust) {

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
        return new TlsMaterial(keystore, password, instancesCa, proxyCertificate, proxyPem, trusting(instancesCa), trusting(proxyCertificate));
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
