package com.nexusai.server.investigation;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** A sentence of a finding (or a part of one: an argument may be a {@code Said} too) by its key in {@code findings.properties} (English) and {@code findings_fr.properties}, with its arguments. */
record Said(String key, List<Object> args) {

    private static final String BUNDLE = "com.nexusai.server.investigation.findings";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    Said {
        args = List.copyOf(args);
    }

    static Said of(String key, Object... args) {
        return new Said(key, List.of(args));
    }

    String in(Locale locale) {
        Object[] said = args.stream().map(arg -> arg instanceof Said text ? text.in(locale) : arg).toArray();
        return new MessageFormat(ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key), locale).format(said);
    }
}
