package com.nexusai.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

/** Help > About's text in both languages: the versions and the licences. */
class AboutTest {

    @Test
    void saysTheVersionsAndTheLicencesInEitherLanguage() throws Exception {
        String english = About.text(ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH), "0.1.0 (app1:8443)");
        assertThat(english).startsWith("Console " + ConsoleCommand.version() + "\nJava " + Runtime.version())
                .contains("Server 0.1.0 (app1:8443)").contains("Made with:").contains("OpenJFX (GPL v2 with the Classpath Exception)");
        String french = About.text(ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.FRENCH), "non connecté");
        assertThat(french).contains("Serveur non connecté").contains("Construit avec :");
    }
}
