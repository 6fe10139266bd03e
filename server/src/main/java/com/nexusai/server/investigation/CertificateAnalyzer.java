package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.List;

import com.nexusai.server.alerts.AlertTime;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The certificates this instance presents or trusts, with the alert's threshold: one expiring within 14 days, or expired. */
@Component
@Order(7)
class CertificateAnalyzer implements Analyzer {

    static final double SOON_SECONDS = 14 * 86400;

    private final AlertTime time;

    CertificateAnalyzer(AlertTime time) {
        this.time = time;
    }

    @Override
    public Said reads() {
        return Said.of("reads.certificates");
    }

    @Override
    public List<Found> analyze(Signals signals) {
        double now = time.now().toEpochMilli() / 1000.0;
        List<Found> found = new ArrayList<>();
        signals.samples().stream().filter(sample -> sample.name().equals("nexusai_tls_certificate_expiry_timestamp_seconds"))
                .filter(sample -> sample.value() - now < SOON_SECONDS)
                .forEach(sample -> {
                    double days = (sample.value() - now) / 86400;
                    String subject = String.valueOf(sample.label("subject"));
                    String source = String.valueOf(sample.label("source"));
                    found.add(new Found(days < 0 ? "certificate-expired" : "certificate-expiring", days < 3 ? Severity.CRITICAL : Severity.WARNING,
                            Said.of(days < 0 ? "certificate.expired.title" : "certificate.expiring.title", subject, source, Math.abs(days)),
                            List.of(Evidence.metric("nexusai_tls_certificate_expiry_timestamp_seconds{source=\"" + source + "\",subject=\"" + subject
                                    + "\"}", (long) sample.value())), null, Said.of("certificate.next", source)));
                });
        return found;
    }
}
