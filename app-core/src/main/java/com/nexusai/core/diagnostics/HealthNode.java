package com.nexusai.core.diagnostics;

import java.util.List;

/**
 * A part of the server's health ({@code /actuator/health}): a component with its status and its parts and details,
 * or a detail's value ({@code status} null, {@code value} set).
 */
public record HealthNode(String name, String status, String value, List<HealthNode> children) {

    /** "db: UP", "maxConnections = 100", or the name alone. */
    public String label() {
        if (value != null) {
            return name + " = " + value;
        }
        return status == null || status.isEmpty() ? name : name + ": " + status;
    }

    public boolean up() {
        return "UP".equals(status);
    }
}
