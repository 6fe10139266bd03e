package com.nexusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Every problem text is said in both languages, with the same arguments, and the language follows Accept-Language. */
class ProblemTextTest {

    private static Properties bundle(String name) throws Exception {
        Properties words = new Properties();
        try (InputStream in = ProblemText.class.getResourceAsStream(name)) {
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return words;
    }

    @Test
    void theFrenchBundleSaysEveryTextWithTheSameArguments() throws Exception {
        Properties english = bundle("problems.properties");
        Properties french = bundle("problems_fr.properties");
        assertThat(french.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            int arguments = new MessageFormat(english.getProperty(key)).getFormats().length;
            assertThat(new MessageFormat(french.getProperty(key)).getFormats()).as(key).hasSize(arguments);
            assertThat(french.getProperty(key)).as("%s: a straight quote is MessageFormat's escape", key).doesNotContainPattern("[^']'[^']");
        }
    }

    @Test
    void aTextIsSaidInTheAskedLanguageWithNestedTextsAndArgumentsAsGiven() {
        ProblemText unreachable = ProblemText.of("ollama.unreachable", "http://gpu1:11434", ProblemText.of("reason.refused"));
        assertThat(unreachable.english()).isEqualTo("Ollama cannot be reached at http://gpu1:11434: connection refused");
        assertThat(unreachable.in(Locale.FRENCH)).isEqualTo("Ollama est injoignable à http://gpu1:11434 : connexion refusée");
        assertThat(ProblemText.of("auth.tooManyAttempts", 1800).in(Locale.FRENCH)).as("no grouping of numbers").isEqualTo("Trop d’échecs ; réessayez dans 1800 s");
        assertThat(ProblemText.of("ollama.seeLog").english()).isEqualTo("see the Ollama server's log");
    }

    @Test
    void theLanguageIsFrenchOrEnglishFromAcceptLanguageAndEnglishOtherwise() {
        assertThat(ProblemLanguage.of("fr-FR,fr;q=0.9,en;q=0.8")).isEqualTo(Locale.FRENCH);
        assertThat(ProblemLanguage.of("de-DE,fr;q=0.5")).isEqualTo(Locale.FRENCH);
        assertThat(ProblemLanguage.of("en-GB")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemLanguage.of("de-DE")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemLanguage.of((String) null)).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemLanguage.of("fr;q=nonsense")).as("malformed").isEqualTo(Locale.ENGLISH);
    }
}
