package com.nexusai.desktop.platform;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Coalesces a high-rate feed into at most one redraw per pulse: any thread marks what changed (one bit per part of
 * the screen), the first mark since the last redraw posts one redraw to the UI thread, and that redraw gets every bit
 * marked until it ran. A thousand tokens or scrapes between two frames cost one redraw.
 */
public final class DirtyBits {

    private final AtomicInteger pending = new AtomicInteger();
    private final UiThread ui;
    private final IntConsumer redraw;

    public DirtyBits(UiThread ui, IntConsumer redraw) {
        this.ui = ui;
        this.redraw = redraw;
    }

    public void mark(int bits) {
        if (pending.getAndUpdate(before -> before | bits) == 0) {
            ui.post(this::drain);
        }
    }

    private void drain() {
        int bits = pending.getAndSet(0);
        if (bits != 0) {
            redraw.accept(bits);
        }
    }
}
