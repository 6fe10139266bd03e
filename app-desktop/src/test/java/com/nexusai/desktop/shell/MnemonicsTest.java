package com.nexusai.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Alt + a letter reaches a tab's main actions in either language: each label marks one letter, no two actions shown
 * together share it, and none takes a letter of the menu bar (which opens a menu instead).
 */
class MnemonicsTest {

    /** The actions each screen shows together (a tab, or a part of one). */
    private static final List<List<String>> SHOWN_TOGETHER = List.of(
            List.of("connect.button"),
            List.of("backups.run", "alerts.openIncident", "alerts.silence"),
            List.of("chat.send", "chat.stop"),
            List.of("incidents.acknowledge", "incidents.note", "incidents.escalate", "incidents.resolve"),
            List.of("diag.threads.take"),
            List.of("ops.runNow"),
            List.of("ops.restore", "ops.verify"));

    private static final List<String> MENUS = List.of("menu.file", "menu.view", "menu.help");

    private static char letter(ResourceBundle text, String key) {
        String label = text.getString(key);
        int mark = label.indexOf('_');
        assertThat(mark).as("%s (%s) marks a letter", key, label).isNotNegative().isLessThan(label.length() - 1);
        assertThat(label.indexOf('_', mark + 1)).as("%s marks one letter", key).isNegative();
        return Character.toLowerCase(label.charAt(mark + 1));
    }

    @Test
    void everyMainActionHasItsOwnLetterInBothLanguages() {
        for (Locale language : List.of(Locale.ENGLISH, Locale.FRENCH)) {
            ResourceBundle text = ResourceBundle.getBundle("com.nexusai.desktop.messages", language);
            Set<Character> menuLetters = new HashSet<>();
            MENUS.forEach(menu -> menuLetters.add(letter(text, menu)));
            for (List<String> actions : SHOWN_TOGETHER) {
                Set<Character> taken = new HashSet<>(menuLetters);
                for (String action : actions) {
                    assertThat(taken.add(letter(text, action))).as("%s: %s's letter is free (%s)", language, action, text.getString(action)).isTrue();
                }
            }
        }
    }
}
