package com.nexusai.desktop.platform;

import java.util.function.Function;

import javafx.util.StringConverter;

/** How a choice box shows its values: in words, one way only (the user picks, never types, a value). */
public final class Shown {

    private Shown() {
    }

    /** {@code words} of each value; nothing for none. */
    public static <T> StringConverter<T> as(Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : words.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }
}
