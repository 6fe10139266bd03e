package com.nexusai.core.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project's alert rules, defined once in {@code alert-rules.json} (beside this class): the guide's
 * four rules of §3.3, as corrected by the errata, the infrastructure thresholds of §3.1, and the rules the errata
 * says the guide forgot (an instance or exporter down, a stale backup or restore test, an expiring certificate, a
 * filling disk).
 */
public final class AlertRules {

    public static final String RESOURCE = "alert-rules.json";

    private final String group;
    private final List<AlertRule> rules;

    private AlertRules(String group, List<AlertRule> rules) {
        this.group = group;
        this.rules = List.copyOf(rules);
    }

    public String group() {
        return group;
    }

    public List<AlertRule> rules() {
        return rules;
    }

    /** The rules the project ships. */
    public static AlertRules shipped() {
        try (InputStream in = AlertRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from app-core");
            }
            return parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    public static AlertRules parse(InputStream json) {
        JsonNode root = JsonMapper.builder().build().readTree(json);
        List<AlertRule> rules = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            rules.add(new AlertRule(text(rule, "alert"), text(rule, "severity"), duration(text(rule, "for")), text(rule, "summary"),
                    condition(rule.path("condition"))));
        }
        return new AlertRules(text(root, "group"), rules);
    }

    private static AlertRule.Condition condition(JsonNode condition) {
        String type = text(condition, "type");
        AlertRule.Bound bound = bound(condition, type);
        return switch (type) {
            case "ratio" -> new AlertRule.Ratio(selector(condition.path("numerator")), selector(condition.path("denominator")),
                    condition.path("denominatorPositiveOnly").asBoolean(false), condition.path("complement").asBoolean(false),
                    strings(condition.path("by")), bound);
            case "threshold" -> new AlertRule.Threshold(selector(condition), bound);
            case "sum" -> new AlertRule.Sum(selector(condition), strings(condition.path("by")), bound);
            case "histogram_quantile" -> new AlertRule.HistogramQuantile(text(condition, "metric"), condition.path("quantile").asDouble(),
                    duration(text(condition, "window")), strings(condition.path("by")), bound);
            case "age" -> new AlertRule.Age(selector(condition), bound);
            case "time_left" -> new AlertRule.TimeLeft(selector(condition), bound);
            case "forecast" -> new AlertRule.Forecast(selector(condition), duration(text(condition, "window")),
                    duration(text(condition, "ahead")), bound);
            default -> throw new IllegalArgumentException("unknown condition type " + type);
        };
    }

    /** Exactly one of {@code above} and {@code below}. */
    private static AlertRule.Bound bound(JsonNode condition, String type) {
        double above = condition.path("above").asDouble(Double.NaN);
        double below = condition.path("below").asDouble(Double.NaN);
        if (Double.isNaN(above) == Double.isNaN(below)) {
            throw new IllegalArgumentException("condition " + type + " needs one of 'above' and 'below'");
        }
        return Double.isNaN(below) ? AlertRule.Bound.above(above) : AlertRule.Bound.below(below);
    }

    private static AlertRule.Selector selector(JsonNode node) {
        Map<String, String> match = new LinkedHashMap<>();
        node.path("match").properties().forEach(entry -> match.put(entry.getKey(), entry.getValue().asString()));
        return new AlertRule.Selector(text(node, "metric"), match);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing in " + node);
        }
        return value.asString();
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}: Prometheus's way of writing a duration. */
    static Duration duration(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 5m, 1h or 7d");
        };
    }

    /** Prometheus's way of writing {@code duration}. */
    static String prometheus(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
