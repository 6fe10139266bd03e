package com.nexusai.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class RebuildGuardTest {

    final ResourceBundle english = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH);
    final ResourceBundle french = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.FRENCH);

    @Test
    void namesOnlyTheWorkRunningNowInTheLanguageAsked() {
        RebuildGuard guard = new RebuildGuard();
        AtomicBoolean streaming = new AtomicBoolean();
        AtomicBoolean downloading = new AtomicBoolean(true);
        guard.watch(streaming::get, "switch.chat");
        guard.watch(downloading::get, "switch.heap");
        assertThat(guard.cutShort(english)).containsExactly(english.getString("switch.heap"));
        streaming.set(true);
        downloading.set(false);
        assertThat(guard.cutShort(french)).containsExactly(french.getString("switch.chat"));
        guard.clear();
        assertThat(guard.cutShort(english)).as("the views that ran it are gone").isEmpty();
    }
}
