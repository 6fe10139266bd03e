package com.nexusai.core.investigations;

import java.util.List;

/**
 * What one of the server's analyzers found (GET /api/investigations/findings), in the language the console speaks:
 * its cause's {@code id}, how bad ({@code info}, {@code warning}, {@code critical}), the evidence, the guide's §6.1 row
 * (null when the table has none) and the next step.
 */
public record Finding(String id, String severity, String title, List<Evidence> evidence, String runbookRow, String next) {

    /** One fact a finding rests on: where from, what, the value read. */
    public record Evidence(String source, String name, String value) {
    }

    public Finding {
        evidence = List.copyOf(evidence);
    }

    public boolean critical() {
        return "critical".equals(severity);
    }

    public boolean warning() {
        return "warning".equals(severity);
    }
}
