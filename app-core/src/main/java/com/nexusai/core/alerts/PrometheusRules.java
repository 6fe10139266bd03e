package com.nexusai.core.alerts;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@link AlertRules} as a Prometheus {@code alerting_rules.yml}: the same rules the console's
 * engine evaluates, in PromQL. {@code main(path)} writes the file.
 */
public final class PrometheusRules {

    private PrometheusRules() {
    }

    public static String render(AlertRules rules) {
        StringBuilder yaml = new StringBuilder("# Generated from app-core's alert-rules.json by com.nexusai.core.alerts.PrometheusRules: edit that file.\n")
                .append("groups:\n  - name: ").append(rules.group()).append("\n    rules:\n");
        for (AlertRule rule : rules.rules()) {
            yaml.append("      - alert: ").append(rule.alert()).append('\n')
                    .append("        expr: ").append(quote(expression(rule.condition()))).append('\n')
                    .append("        for: ").append(AlertRules.prometheus(rule.holdFor())).append('\n')
                    .append("        labels:\n          severity: ").append(rule.severity()).append('\n')
                    .append("        annotations:\n          summary: ").append(quote(rule.summary())).append('\n');
        }
        return yaml.toString();
    }

    static String expression(AlertRule.Condition condition) {
        String bound = condition.bound().promql();
        return switch (condition) {
            case AlertRule.Threshold threshold -> selector(threshold.series()) + bound;
            case AlertRule.Sum sum -> "sum by (" + String.join(", ", sum.by()) + ") (" + selector(sum.series()) + ")" + bound;
            case AlertRule.Ratio ratio -> {
                String by = "sum by (" + String.join(", ", ratio.by()) + ") ";
                String denominator = selector(ratio.denominator()) + (ratio.denominatorPositiveOnly() ? " > 0" : "");
                String quotient = by + "(" + selector(ratio.numerator()) + ") / " + by + "(" + denominator + ")";
                yield (ratio.complement() ? "1 - (" + quotient + ")" : quotient) + bound;
            }
            case AlertRule.HistogramQuantile quantile -> "histogram_quantile(" + number(quantile.quantile()) + ", sum by (le"
                    + quantile.by().stream().map(label -> ", " + label).collect(Collectors.joining()) + ") (rate(" + quantile.metric()
                    + "_bucket[" + AlertRules.prometheus(quantile.window()) + "])))" + bound;
            case AlertRule.Age age -> "time() - " + selector(age.series()) + bound;
            case AlertRule.TimeLeft left -> selector(left.series()) + " - time()" + bound;
            case AlertRule.Forecast forecast -> "predict_linear(" + selector(forecast.series()) + "[" + AlertRules.prometheus(forecast.window())
                    + "], " + forecast.ahead().toSeconds() + ")" + bound;
        };
    }

    private static String selector(AlertRule.Selector selector) {
        Map<String, String> match = selector.match();
        if (match.isEmpty()) {
            return selector.metric();
        }
        return selector.metric() + match.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Writes the rendered rules to {@code args[0]}. */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), render(AlertRules.shipped()));
    }

}
