package com.nexusai.server.ai;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nexusai.core.metrics.HistorySeries;
import com.nexusai.core.runbook.Troubleshooting;
import com.nexusai.server.alerts.AlertHistory;
import com.nexusai.server.alerts.AlertTime;
import com.nexusai.server.backup.BackupService;
import com.nexusai.server.diagnostics.Diagnostics;
import com.nexusai.server.diagnostics.KnownSecrets;
import com.nexusai.server.diagnostics.LogFile;
import com.nexusai.server.events.KafkaLagMetrics;
import com.nexusai.server.investigation.Investigation;
import com.nexusai.server.metrics.MetricHistory;
import org.springframework.stereotype.Component;

/**
 * The tools the model may call to investigate: each reads what one of the API's {@code GET} operations reads, and is
 * guarded by that operation's security rule ({@link ChatToolbox}). None of them changes anything; an action the model
 * thinks should be taken is proposed to the user ({@link ChatToolbox#PROPOSE}), who runs it from the console.
 */
@Component
class ReadOnlyTools {

    static final int MOST_LOG_LINES = 50;
    /** The metric history keeps its raw points for the last hour (nexusai.metrics.history.raw); older ones are minute aggregates. */
    static final long LONGEST_METRIC_MINUTES = 60;

    private final List<ChatTool> tools;

    ReadOnlyTools(Investigation investigation, AlertHistory alerts, AlertTime alertTime, MetricHistory metrics, KafkaLagMetrics kafkaLag,
            BackupService backups, LogFile log, KnownSecrets secrets, Diagnostics diagnostics) {
        this.tools = List.of(
                new ChatTool("run_analyzers", "Runs the platform's analyzers on this server's live evidence (connection pool, PostgreSQL "
                        + "sessions and locks, heap and GC, Redis memory, Kafka consumer lag, backups, certificates, replica, disk) and "
                        + "answers their findings, worst first, each with its evidence, runbook row and next step. Start here.",
                        List.of(), "/api/investigations/findings", (arguments, locale) -> investigation.findings(locale)),
                new ChatTool("list_alerts", "Lists the alerts pending or firing now, and the alerts' changes of state over the last hours.",
                        List.of(new ChatTool.Parameter("hours", "integer", "how many hours of changes to read (1 to 72, default 24)", List.of(), false)),
                        "/api/alerts", (arguments, locale) -> {
                            Instant now = alertTime.now();
                            long hours = bounded(arguments, "hours", 24, 1, 72);
                            Map<String, Object> read = new LinkedHashMap<>();
                            read.put("open", alerts.open());
                            read.put("changes", alerts.history(now.minus(Duration.ofHours(hours)), now, null, null, 100));
                            return read;
                        }),
                new ChatTool("read_metric", "Reads one metric series of this server over the last minutes (at most the last hour), "
                        + "every point as taken, oldest first.",
                        List.of(new ChatTool.Parameter("series", "string", "the series", HistorySeries.ids(), true),
                                new ChatTool.Parameter("minutes", "integer", "how many minutes back (1 to " + LONGEST_METRIC_MINUTES
                                        + ", default 30)", List.of(), false)),
                        "/api/metrics/history", (arguments, locale) -> {
                            HistorySeries series = HistorySeries.byId(String.valueOf(arguments.get("series"))).orElseThrow(
                                    () -> new IllegalArgumentException("series must be one of " + HistorySeries.ids()));
                            long minutes = bounded(arguments, "minutes", 30, 1, LONGEST_METRIC_MINUTES);
                            return Map.of("series", series.id(), "minutes", minutes,
                                    "points", metrics.recent(series, Duration.ofMinutes(minutes)));
                        }),
                new ChatTool("kafka_lag", "Reads the Kafka consumer groups' lag per partition: end offset, committed offset, lag, consumers.",
                        List.of(), "/api/admin/kafka/lag", (arguments, locale) -> kafkaLag.latest()),
                new ChatTool("backup_status", "Lists the latest backup runs (PostgreSQL, Redis), newest first, with their outcome and restore tests.",
                        List.of(), "/api/admin/backups", (arguments, locale) -> backups.list(null, 10)),
                new ChatTool("recent_errors", "Reads the server log's last WARN and ERROR lines, secrets masked.",
                        List.of(new ChatTool.Parameter("lines", "integer", "how many lines (1 to " + MOST_LOG_LINES + ", default 20)", List.of(), false)),
                        "/api/diagnostics/logs", (arguments, locale) -> log.last((int) bounded(arguments, "lines", 20, 1, MOST_LOG_LINES),
                                new LogFile.Filter("WARN", null)).lines().stream().map(secrets::redact).toList()),
                new ChatTool("thread_summary", "Summarizes a thread dump of this server: threads by state, deadlocks, blocked threads and their locks.",
                        List.of(), "/api/diagnostics/threads", (arguments, locale) -> diagnostics.threadSummary()),
                new ChatTool("runbook_row", "Reads a row of the operations guide's troubleshooting table (§6.1): symptom, cause, fix.",
                        List.of(new ChatTool.Parameter("row", "string", "the row", Troubleshooting.GUIDE.stream().map(Troubleshooting.Problem::id).toList(), true)),
                        "/api/ai/chat", (arguments, locale) -> Troubleshooting.GUIDE.stream().filter(row -> row.id().equals(arguments.get("row")))
                                .findFirst().map(row -> Map.of("row", row.id(), "symptom", row.symptom(locale), "cause", row.cause(locale),
                                        "fix", row.fix(locale)))
                                .orElseThrow(() -> new IllegalArgumentException("row must be one of "
                                        + Troubleshooting.GUIDE.stream().map(Troubleshooting.Problem::id).toList()))));
    }

    List<ChatTool> all() {
        return tools;
    }

    /** A whole-number argument within its bounds, or its default when absent. */
    static long bounded(Map<String, Object> arguments, String name, long otherwise, long least, long most) {
        Object value = arguments.get(name);
        if (value == null) {
            return otherwise;
        }
        long number;
        try {
            number = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from " + least + " to " + most);
        }
        if (number < least || number > most) {
            throw new IllegalArgumentException(name + " must be from " + least + " to " + most);
        }
        return number;
    }
}
