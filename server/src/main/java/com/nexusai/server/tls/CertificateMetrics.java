package com.nexusai.server.tls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code nexusai_tls_certificate_expiry_timestamp_seconds{source,subject}}: when each certificate this instance presents
 * or trusts stops being valid (Unix time), for the rule CertificateExpiringSoon (under 14 days). Sources: {@code server},
 * the HTTPS key store ({@code server.ssl.*}, when on), and every SSL bundle by its name (the data tier's authority).
 * Read at start and every hour, so a certificate renewed on disk is seen without a restart.
 */
@Component
class CertificateMetrics {

    private static final Logger log = LoggerFactory.getLogger(CertificateMetrics.class);

    /** One certificate: where it was found, whose it is, and until when it is valid (Unix seconds). */
    record Expiry(String source, String subject, long notAfter) {
    }

    private final Environment environment;
    private final SslBundles bundles;
    private final MultiGauge expiries;

    CertificateMetrics(Environment environment, SslBundles bundles, MeterRegistry registry) {
        this.environment = environment;
        this.bundles = bundles;
        this.expiries = MultiGauge.builder("nexusai.tls.certificate.expiry.timestamp").baseUnit("seconds")
                .description("When the certificate stops being valid (Unix time)").register(registry);
        refresh();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void refresh() {
        expiries.register(read().stream().map(expiry -> MultiGauge.Row.of(Tags.of("source", expiry.source(), "subject", expiry.subject()),
                expiry.notAfter())).toList(), true);
    }

    /** Every certificate known now; one that cannot be read is left out with a warning (the TLS health and preflight say why). */
    List<Expiry> read() {
        Map<String, Expiry> found = new LinkedHashMap<>();
        if (environment.getProperty("server.ssl.enabled", Boolean.class, false) && environment.getProperty("server.ssl.key-store") != null) {
            String location = environment.getProperty("server.ssl.key-store", "");
            try (InputStream in = Files.newInputStream(Path.of(location.replaceFirst("^file:", "")))) {
                KeyStore store = KeyStore.getInstance(environment.getProperty("server.ssl.key-store-type", "PKCS12"));
                store.load(in, environment.getProperty("server.ssl.key-store-password", "").toCharArray());
                add(found, "server", store);
            } catch (Exception e) {
                log.warn("The HTTPS key store {} could not be read for its certificates' expiry: {}", location, e.getMessage());
            }
        }
        for (String name : bundles.getBundleNames()) {
            try {
                var stores = bundles.getBundle(name).getStores();
                add(found, name, stores.getKeyStore());
                add(found, name, stores.getTrustStore());
            } catch (Exception e) {
                log.warn("The SSL bundle {} could not be read for its certificates' expiry: {}", name, e.getMessage());
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void add(Map<String, Expiry> found, String source, KeyStore store) throws Exception {
        if (store == null) {
            return;
        }
        for (String alias : Collections.list(store.aliases())) {
            Certificate[] chain = store.getCertificateChain(alias);
            List<Certificate> certificates = chain != null ? List.of(chain) : store.getCertificate(alias) == null ? List.of()
                    : List.of(store.getCertificate(alias));
            for (Certificate certificate : certificates) {
                if (certificate instanceof X509Certificate x509) {
                    String subject = x509.getSubjectX500Principal().getName();
                    found.putIfAbsent(source + "|" + subject, new Expiry(source, subject, x509.getNotAfter().toInstant().getEpochSecond()));
                }
            }
        }
    }
}
