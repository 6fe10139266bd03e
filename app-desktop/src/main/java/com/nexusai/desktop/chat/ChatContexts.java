package com.nexusai.desktop.chat;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Supplier;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.dashboard.Dashboard;
import com.nexusai.core.diagnostics.DiagnosticsApi;
import com.nexusai.core.incidents.Incident;
import com.nexusai.core.incidents.IncidentDetails;
import com.nexusai.desktop.dashboard.InstanceFeed;

/**
 * What the chat can attach: every instance's alerts, the selected instance's metrics, its recent WARN/ERROR lines,
 * and the newest open incident's latest diagnostics snapshot.
 */
public final class ChatContexts {

    private static final int LOG_LINES = 40;
    private static final int SNAPSHOT_CHARACTERS = 8_000;

    private ChatContexts() {
    }

    /** @param diagnostics an instance's diagnostics (its recent log lines) */
    public static List<ContextSource> of(ResourceBundle text, List<? extends InstanceFeed> instances, Supplier<? extends InstanceFeed> selected,
            Function<InstanceFeed, DiagnosticsApi> diagnostics) {
        return List.of(
                source(text.getString("chat.context.alerts"), () -> new Attachment(text.getString("chat.context.alerts"), alerts(instances))),
                source(text.getString("chat.context.metricsMenu"), () -> {
                    InstanceFeed instance = selected.get();
                    return new Attachment(text.getString("chat.context.metrics") + " " + instance.instance(), metrics(instance.state().latest()));
                }),
                source(text.getString("chat.context.logsMenu"), () -> {
                    InstanceFeed instance = selected.get();
                    return new Attachment(text.getString("chat.context.logs") + " " + instance.instance(), logs(diagnostics.apply(instance)));
                }),
                source(text.getString("chat.context.incident"), () -> incident(text, selected.get())));
    }

    private static ContextSource source(String name, Fetch fetch) {
        return new ContextSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Attachment fetch() throws Exception {
                return fetch.get();
            }
        };
    }

    private interface Fetch {
        Attachment get() throws Exception;
    }

    static String alerts(List<? extends InstanceFeed> instances) {
        List<AlertEngine.Alert> active = instances.stream().flatMap(m -> m.state().alerts().stream()).toList();
        if (active.isEmpty()) {
            return "no alert pending or firing";
        }
        StringBuilder lines = new StringBuilder();
        for (AlertEngine.Alert alert : active) {
            lines.append(String.format(Locale.ROOT, "%s (%s) %s on %s since %s, value %.3f: %s%n", alert.name(), alert.severity(),
                    alert.state().name().toLowerCase(Locale.ROOT), alert.labels().getOrDefault("instance", "?"), alert.activeSince(),
                    alert.value(), alert.summary()));
        }
        return lines.toString();
    }

    static String metrics(Dashboard d) {
        if (d == null) {
            return "no data yet";
        }
        StringBuilder lines = new StringBuilder(String.format(Locale.ROOT, "instance %s at %s%n", d.instance(), d.at()));
        lines.append(String.format(Locale.ROOT, "heap used %.0f MiB, committed %.0f MiB, max %.0f MiB; non-heap %.0f MiB; live threads %.0f%n",
                d.jvm().heapUsed() / 1048576, d.jvm().heapCommitted() / 1048576, d.jvm().heapMax() / 1048576,
                d.jvm().nonHeapUsed() / 1048576, d.jvm().liveThreads()));
        d.jvm().gcPauses().forEach((collector, values) -> lines.append(String.format(Locale.ROOT, "GC %s: %.0f pauses, %.2f s%n",
                collector, values[0], values[1])));
        lines.append(String.format(Locale.ROOT, "HTTP %.1f requests/s, %.2f 5xx/s, p95 %.0f ms%n", d.http().requestsPerSecond(),
                d.http().errorsPerSecond(), d.http().p95Seconds() * 1000));
        lines.append(String.format(Locale.ROOT, "connection pool: active %.0f, idle %.0f, pending %.0f, max %.0f%n", d.pool().active(),
                d.pool().idle(), d.pool().pending(), d.pool().max()));
        for (Dashboard.Lag lag : d.kafkaLag()) {
            lines.append(String.format(Locale.ROOT, "Kafka lag %s %s/%s: %.0f%n", lag.group(), lag.topic(), lag.partition(), lag.lag()));
        }
        lines.append(String.format(Locale.ROOT, "host CPU %.0f %%, memory %.0f %%, disk %.0f %%%n", d.host().cpu() * 100,
                d.host().memory() * 100, d.host().disk() * 100));
        return lines.toString();
    }

    private static String logs(DiagnosticsApi diagnostics) throws Exception {
        List<String> lines = diagnostics.recentLog(LOG_LINES, "WARN");
        return lines.isEmpty() ? "no WARN or ERROR line" : String.join("\n", lines) + "\n";
    }

    /** The newest unresolved incident's latest diagnostics snapshot, without its thread dump (too long for a prompt). */
    private static Attachment incident(ResourceBundle text, InstanceFeed instance) throws Exception {
        Incident newest = instance.incidents().list(Incident.Status.OPEN).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException(text.getString("chat.context.noIncident")));
        IncidentDetails details = instance.incidents().details(newest.id());
        if (details.snapshots().isEmpty()) {
            throw new IllegalStateException(text.getString("chat.context.noSnapshot"));
        }
        String content = instance.incidents().snapshot(newest.id(), details.snapshots().getLast().id(), false);
        if (content.length() > SNAPSHOT_CHARACTERS) {
            content = content.substring(0, SNAPSHOT_CHARACTERS) + "\n...";
        }
        return new Attachment(text.getString("chat.context.incident") + " " + (newest.title() == null ? newest.id() : newest.title()), content);
    }
}
