package com.nexusai.core.metrics;

import java.util.Map;

/** One line of a Prometheus exposition: a metric name, its labels and its value. */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        labels = Map.copyOf(labels);
    }

    public String label(String name) {
        return labels.get(name);
    }

    /** Whether every label of {@code match} has that value here. */
    public boolean matches(Map<String, String> match) {
        return match.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }
}
