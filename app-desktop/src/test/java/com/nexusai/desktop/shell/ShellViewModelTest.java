package com.nexusai.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The frame's language and theme: chosen, remembered, switched, and a switch that would stop long work asked first. */
class ShellViewModelTest {

    final Map<String, String> kept = new HashMap<>();
    final ShellViewModel.Settings settings = new ShellViewModel.Settings() {
        @Override
        public String get(String key, String otherwise) {
            return kept.getOrDefault(key, otherwise);
        }

        @Override
        public void put(String key, String value) {
            kept.put(key, value);
        }
    };
    final List<List<String>> asked = new ArrayList<>();
    boolean answer;
    final ShellViewModel.Dialogs dialogs = (text, cutShort) -> {
        asked.add(cutShort);
        return answer;
    };

    @Test
    void theCommandLineWinsThenTheLastChoiceThenTheSystemsLanguage() {
        assertThat(new ShellViewModel(settings, dialogs, null, null, Locale.FRANCE).language()).isEqualTo(Locale.FRENCH);
        assertThat(new ShellViewModel(settings, dialogs, null, null, Locale.GERMANY).language()).isEqualTo(Locale.ENGLISH);
        kept.put("lang", "fr");
        kept.put("dark", "true");
        ShellViewModel remembered = new ShellViewModel(settings, dialogs, null, null, Locale.US);
        assertThat(remembered.language()).isEqualTo(Locale.FRENCH);
        assertThat(remembered.text().getString("connect.button")).isEqualTo("Se _connecter");
        assertThat(remembered.darkProperty().get()).isTrue();
        ShellViewModel given = new ShellViewModel(settings, dialogs, Locale.ENGLISH, false, Locale.FRANCE);
        assertThat(given.language()).isEqualTo(Locale.ENGLISH);
        assertThat(given.darkProperty().get()).isFalse();
    }

    @Test
    void switchingIsImmediateAndRemembered() {
        ShellViewModel shell = new ShellViewModel(settings, dialogs, Locale.ENGLISH, false, Locale.US);
        List<String> texts = new ArrayList<>();
        shell.textProperty().addListener((observable, before, now) -> texts.add(now.getString("toolbar.theme")));
        assertThat(shell.toggleLanguage()).isTrue();
        assertThat(texts).containsExactly("Clair / sombre");
        assertThat(kept).containsEntry("lang", "fr");
        shell.toggleTheme();
        assertThat(shell.darkProperty().get()).isTrue();
        assertThat(kept).containsEntry("dark", "true");
        assertThat(asked).as("nothing running: nothing asked").isEmpty();
    }

    @Test
    void aSwitchThatWouldStopLongWorkIsAskedAndMayBeDeclined() {
        ShellViewModel shell = new ShellViewModel(settings, dialogs, Locale.ENGLISH, false, Locale.US);
        AtomicBoolean streaming = new AtomicBoolean(true);
        shell.watch(streaming::get, "switch.chat");
        answer = false;
        assertThat(shell.toggleLanguage()).isFalse();
        assertThat(shell.language()).isEqualTo(Locale.ENGLISH);
        assertThat(asked).containsExactly(List.of(shell.text().getString("switch.chat")));
        answer = true;
        assertThat(shell.toggleLanguage()).isTrue();
        assertThat(shell.language()).isEqualTo(Locale.FRENCH);
        shell.viewsRebuilt();
        assertThat(shell.toggleLanguage()).as("the rebuilt views run nothing yet").isTrue();
        assertThat(asked).hasSize(2);
    }
}
