package com.nexusai.core.runbook;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nexusai.core.alerts.AlertRule;
import com.nexusai.core.alerts.AlertRules;
import com.nexusai.core.dashboard.Dashboard;

/**
 * The guide's §6.1 "Problèmes courants" table, tied to live signals: each problem says whether its symptom
 * shows on an instance now, with the evidence, using the thresholds of the shared alert rules (so the table
 * and the alerts agree), and which console view holds the data and the fix.
 */
public final class Troubleshooting {

    /** A row of §6.1, in French (the guide's words) and English; {@code view}: dashboard or diagnostics. */
    public record Problem(String id, String symptomFr, String symptomEn, String causeFr, String causeEn, String fixFr, String fixEn,
            String view) {

        public String symptom(Locale locale) {
            return french(locale) ? symptomFr : symptomEn;
        }

        public String cause(Locale locale) {
            return french(locale) ? causeFr : causeEn;
        }

        public String fix(Locale locale) {
            return french(locale) ? fixFr : fixEn;
        }

        private static boolean french(Locale locale) {
            return locale.getLanguage().equals("fr");
        }
    }

    /** What an instance looks like now: its newest figures (null before the first scrape), and why it cannot be reached (null when it can). */
    public record Instance(String name, Dashboard latest, String unreachable) {
    }

    public static final List<Problem> GUIDE = List.of(
            new Problem("oom", "OOM Errors", "Out of memory errors", "Heap trop petite", "Heap too small",
                    "Augmenter -Xmx (JAVA_OPTS), après un dump mémoire si la heap vivante grossit",
                    "Raise -Xmx (JAVA_OPTS), after a heap dump if the live heap keeps growing", "dashboard"),
            new Problem("pool", "Connexions DB épuisées", "Database connections exhausted", "Pool trop petit", "Pool too small",
                    "Augmenter la taille du pool (spring.datasource.hikari.maximum-pool-size), et chercher les requêtes lentes",
                    "Raise the pool size (spring.datasource.hikari.maximum-pool-size), and look for slow queries", "dashboard"),
            new Problem("latency", "Latence élevée", "High latency", "Pause GC", "GC pauses",
                    "Tuner G1GC (-XX:MaxGCPauseMillis), vérifier les pauses GC du tableau de bord",
                    "Tune G1GC (-XX:MaxGCPauseMillis); check the GC pauses on the dashboard", "dashboard"),
            new Problem("kafka-lag", "Kafka lag", "Kafka lag", "Consumer lent", "Slow consumer",
                    "Ajouter des consumers (partitions et instances), vérifier les erreurs du consumer dans les journaux",
                    "Scale the consumers (partitions and instances); check the consumer's errors in the log", "dashboard"),
            new Problem("bad-gateway", "502 Bad Gateway", "502 Bad Gateway", "App down", "Application down",
                    "Vérifier les journaux et la santé (onglet Diagnostic), redémarrer l'instance si elle ne répond plus",
                    "Check the log and the health (Diagnostics tab); restart the instance if it no longer answers", "diagnostics"));

    private final double heapAbove;
    private final double poolAbove;
    private final double latencyAbove;
    private final double lagAbove;

    public Troubleshooting(AlertRules rules) {
        this.heapAbove = above(rules, "HighMemoryUsage", 0.9);
        this.poolAbove = above(rules, "DatabaseConnectionExhausted", 0.9);
        this.latencyAbove = above(rules, "HighLatency", 2);
        this.lagAbove = above(rules, "KafkaLag", 10_000);
    }

    private static double above(AlertRules rules, String alert, double otherwise) {
        return rules.rules().stream().filter(rule -> rule.alert().equals(alert)).map(AlertRule::condition).map(condition -> condition.bound().limit())
                .findFirst().orElse(otherwise);
    }

    /** Whether the problem's symptom shows on the instance now, and the evidence. */
    public Optional<String> showing(Problem problem, Instance instance) {
        if (problem.id().equals("bad-gateway")) {
            return Optional.ofNullable(instance.unreachable()).map(reason -> "does not answer: " + reason);
        }
        Dashboard d = instance.latest();
        if (d == null || instance.unreachable() != null) {
            return Optional.empty();
        }
        return switch (problem.id()) {
            case "oom" -> {
                double share = d.jvm().heapMax() > 0 ? d.jvm().heapUsed() / d.jvm().heapMax() : Double.NaN;
                yield share >= heapAbove ? Optional.of(String.format(Locale.ROOT, "heap %.0f %% of its maximum", share * 100)) : Optional.empty();
            }
            case "pool" -> {
                double usage = d.pool().usage();
                yield usage >= poolAbove || d.pool().pending() > 0 ? Optional.of(String.format(Locale.ROOT,
                        "%.0f of %.0f connections active, %.0f waiting", d.pool().active(), d.pool().max(), d.pool().pending())) : Optional.empty();
            }
            case "latency" -> {
                double p95 = d.http().p95Seconds();
                yield p95 > latencyAbove ? Optional.of(String.format(Locale.ROOT, "p95 %.2f s; GC %s", p95, gc(d))) : Optional.empty();
            }
            case "kafka-lag" -> d.kafkaLag().stream().filter(lag -> lag.lag() > lagAbove).findFirst()
                    .map(lag -> String.format(Locale.ROOT, "%s on %s/%s is %.0f records behind", lag.group(), lag.topic(), lag.partition(), lag.lag()));
            default -> Optional.empty();
        };
    }

    private static String gc(Dashboard d) {
        StringBuilder pauses = new StringBuilder();
        d.jvm().gcPauses().forEach((collector, values) -> pauses.append(String.format(Locale.ROOT, "%s %.0f pauses %.2f s ", collector, values[0], values[1])));
        return pauses.toString().strip();
    }
}
