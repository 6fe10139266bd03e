package com.nexusai.server.investigation;

import java.util.List;
import java.util.Locale;

/** A finding before it is said in the caller's language. */
record Found(String id, Severity severity, Said title, List<Evidence> evidence, String runbookRow, Said next) {

    Found {
        evidence = List.copyOf(evidence);
    }

    Finding in(Locale locale) {
        return new Finding(id, severity, title.in(locale), evidence, runbookRow, next.in(locale));
    }
}
