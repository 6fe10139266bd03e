package com.nexusai.server.investigation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well the findings of a scenario name its cause, scored the way incident.io scores its investigations: the right
 * cause with its evidence; one hop short (the symptom next to the cause: the statement waiting rather than the lock's
 * holder); the right area but the wrong cause; the wrong area, or nothing. Only warning and critical findings count.
 */
enum ScenarioScore {
    RIGHT_CAUSE_WITH_EVIDENCE, ONE_HOP_SHORT, RIGHT_AREA_WRONG_CAUSE, WRONG_AREA;

    /** What a finding is about, by its id: two findings of one area look at the same part of the platform. */
    private static final Map<String, String> AREAS = Map.ofEntries(Map.entry("pool-", "database"), Map.entry("lock-wait", "database"),
            Map.entry("slow-queries", "database"), Map.entry("latency-", "latency"), Map.entry("gc-", "jvm"), Map.entry("heap-", "jvm"),
            Map.entry("kafka-", "kafka"), Map.entry("redis-", "redis"), Map.entry("backup-", "backups"), Map.entry("restore-", "backups"),
            Map.entry("certificate-", "certificates"), Map.entry("replica-", "database"), Map.entry("disk-", "disk"),
            Map.entry("instance-", "instances"));

    /** One finding as the scorer reads it. */
    record Seen(String id, String severity, int evidence) {
    }

    /** A scenario's outcome, for the report. */
    record Outcome(String scenario, String expected, ScenarioScore score, List<String> seen) {
    }

    static String area(String id) {
        return AREAS.entrySet().stream().filter(entry -> id.startsWith(entry.getKey())).map(Map.Entry::getValue).findFirst().orElse("other");
    }

    static ScenarioScore of(String expected, Set<String> oneHopShort, List<Seen> findings) {
        List<Seen> raised = findings.stream().filter(seen -> !seen.severity().equals("info")).toList();
        if (raised.stream().anyMatch(seen -> seen.id().equals(expected) && seen.evidence() > 0)) {
            return RIGHT_CAUSE_WITH_EVIDENCE;
        }
        if (raised.stream().anyMatch(seen -> oneHopShort.contains(seen.id()))) {
            return ONE_HOP_SHORT;
        }
        if (raised.stream().anyMatch(seen -> area(seen.id()).equals(area(expected)))) {
            return RIGHT_AREA_WRONG_CAUSE;
        }
        return WRONG_AREA;
    }

    /** Writes the scenarios' scores as a Markdown table, and the tally. */
    static void report(List<Outcome> outcomes, Path file) throws IOException {
        List<String> lines = new ArrayList<>(List.of("# Investigation scenarios, scored", "",
                "| scenario | expected cause | score | warning and critical findings seen |", "|---|---|---|---|"));
        for (Outcome outcome : outcomes) {
            lines.add("| " + outcome.scenario() + " | `" + outcome.expected() + "` | " + outcome.score() + " | "
                    + String.join(", ", outcome.seen()) + " |");
        }
        long right = outcomes.stream().filter(outcome -> outcome.score() == RIGHT_CAUSE_WITH_EVIDENCE).count();
        lines.add("");
        lines.add(right + " of " + outcomes.size() + " scenarios: the right cause with its evidence.");
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
