package com.nexusai.core.incidents;

/**
 * What opening an incident asks: a title, a severity ({@code info}, {@code warning}, {@code critical}), a kind
 * ({@code application}, {@code database}, {@code security}, {@code infrastructure}; null: the server's default) and
 * where it comes from (null when opened by hand).
 */
public record NewIncident(String title, String severity, String kind, String source) {

    public static NewIncident fromAlert(String title, String severity, String source) {
        return new NewIncident(title, severity, null, source);
    }
}
