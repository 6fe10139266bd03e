package com.nexusai.desktop.shell;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.BooleanSupplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The console's frame: its language and its theme, chosen on the command line or remembered from last time, switched
 * at once (Ctrl+L, Ctrl+D) and remembered for next time. Switching the language rebuilds the views, so it asks first
 * when that would cut long work short ({@link RebuildGuard}).
 */
final class ShellViewModel {

    /** Where the choices are kept between runs (the user's preferences; a map in tests). */
    interface Settings {
        String get(String key, String otherwise);

        void put(String key, String value);

        /** The user's preferences under {@code node}. */
        static Settings in(java.util.prefs.Preferences node) {
            return new Settings() {
                @Override
                public String get(String key, String otherwise) {
                    return node.get(key, otherwise);
                }

                @Override
                public void put(String key, String value) {
                    node.put(key, value);
                }
            };
        }
    }

    /** What the frame asks the user. */
    interface Dialogs {
        /** Whether to switch although {@code cutShort} (said in the current language) would stop. */
        boolean switchAnyway(ResourceBundle text, List<String> cutShort);
    }

    private static final String BUNDLE = "com.nexusai.desktop.messages";

    private final Settings settings;
    private final Dialogs dialogs;
    private final RebuildGuard guard = new RebuildGuard();
    private final ReadOnlyObjectWrapper<ResourceBundle> text = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    private Locale language;

    /**
     * @param language the command line's {@code --lang}, or null: the last choice, else French where the system speaks it
     * @param darkTheme the command line's {@code --theme}, or null: the last choice, else light
     */
    ShellViewModel(Settings settings, Dialogs dialogs, Locale language, Boolean darkTheme, Locale system) {
        this.settings = settings;
        this.dialogs = dialogs;
        this.language = (language != null ? language
                : Locale.forLanguageTag(settings.get("lang", system.getLanguage().equals("fr") ? "fr" : "en"))).getLanguage().equals("fr")
                ? Locale.FRENCH : Locale.ENGLISH;
        text.set(ResourceBundle.getBundle(BUNDLE, this.language));
        dark.set(darkTheme != null ? darkTheme : Boolean.parseBoolean(settings.get("dark", "false")));
    }

    /** The texts of the language in use; changes when the language is switched (the views are then rebuilt). */
    ReadOnlyObjectProperty<ResourceBundle> textProperty() {
        return text.getReadOnlyProperty();
    }

    ResourceBundle text() {
        return text.get();
    }

    /** French or English. */
    Locale language() {
        return language;
    }

    ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    void toggleTheme() {
        dark.set(!dark.get());
        settings.put("dark", Boolean.toString(dark.get()));
    }

    /** French or English, now, once the user agrees to stop what the rebuild would stop; false when they did not. */
    boolean toggleLanguage() {
        List<String> cutShort = guard.cutShort(text.get());
        if (!cutShort.isEmpty() && !dialogs.switchAnyway(text.get(), cutShort)) {
            return false;
        }
        language = language.equals(Locale.FRENCH) ? Locale.ENGLISH : Locale.FRENCH;
        settings.put("lang", language.getLanguage());
        text.set(ResourceBundle.getBundle(BUNDLE, language));
        return true;
    }

    /** Long work of a view being built, which a language switch would stop: {@code key} names it. */
    void watch(BooleanSupplier busy, String key) {
        guard.watch(busy, key);
    }

    /** The views were rebuilt: what the old ones ran is not watched any more. */
    void viewsRebuilt() {
        guard.clear();
    }
}
