package com.nexusai.desktop.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.BooleanSupplier;

/**
 * What rebuilding the views (the language switch) would cut short: an answer being written, a heap dump being
 * downloaded, a restore being followed. The views register their long work as they are built; the switch asks first.
 */
final class RebuildGuard {

    private record Watched(BooleanSupplier busy, String key) {
    }

    private final List<Watched> watched = new ArrayList<>();

    /** {@code busy} says whether the work named by the text {@code key} is running now. */
    void watch(BooleanSupplier busy, String key) {
        watched.add(new Watched(busy, key));
    }

    /** The views are gone: nothing of theirs is watched any more. */
    void clear() {
        watched.clear();
    }

    /** What would be cut short now, in {@code text}'s language; empty when nothing runs. */
    List<String> cutShort(ResourceBundle text) {
        return watched.stream().filter(work -> work.busy().getAsBoolean()).map(work -> text.getString(work.key())).toList();
    }
}
