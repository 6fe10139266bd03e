package com.nexusai.server.investigation;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How bad a finding is, as the alert rules say it: critical pages someone, warning waits for working hours. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
