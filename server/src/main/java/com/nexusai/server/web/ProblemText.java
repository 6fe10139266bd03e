package com.nexusai.server.web;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of a problem answer, by key in {@code problems.properties} (English) and its translations, with their
 * arguments; said in the language the request asks for ({@link ProblemLanguage}). Arguments are shown as given
 * (a port stays 8080, not "8 080"), except those that are texts themselves, said in the same language.
 */
public record ProblemText(String key, List<Object> args) {

    private static final String BUNDLE = "com.nexusai.server.web.problems";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public ProblemText {
        args = List.copyOf(args);
    }

    public static ProblemText of(String key, Object... args) {
        return new ProblemText(key, Arrays.stream(args).map(arg -> arg instanceof ProblemText text ? text : (Object) String.valueOf(arg)).toList());
    }

    public String in(Locale locale) {
        ResourceBundle words = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
        Object[] said = args.stream().map(arg -> arg instanceof ProblemText text ? text.in(locale) : arg).toArray();
        return new MessageFormat(words.getString(key), locale).format(said);
    }

    /** As the log and the English answer say it. */
    public String english() {
        return in(Locale.ROOT);
    }
}
