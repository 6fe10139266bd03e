package com.nexusai.server.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The language of a problem answer: French or English, from the request's {@code Accept-Language}; English when it
 * asks for neither or says nothing (never the server machine's own locale, which the servlet API would fall back to).
 */
public final class ProblemLanguage {

    public static final List<Locale> SPOKEN = List.of(Locale.ENGLISH, Locale.FRENCH);

    private ProblemLanguage() {
    }

    public static Locale of(HttpServletRequest request) {
        return of(request.getHeader("Accept-Language"));
    }

    public static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SPOKEN);
            return chosen == null ? Locale.ENGLISH : chosen;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }
}
