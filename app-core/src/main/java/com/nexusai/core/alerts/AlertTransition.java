package com.nexusai.core.alerts;

import java.time.Instant;
import java.util.Map;

/** One change of an alert's state ({@code pending}, {@code firing}, {@code resolved}), with the value that made it. */
public record AlertTransition(String alertId, String rule, String instance, Map<String, String> labels, String severity, String state,
        double value, Instant at) {
}
