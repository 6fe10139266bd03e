package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The guide's "OOM errors: heap trop petite" and "latence élevée: pause GC" (§6.1), from what the collector itself
 * reports: the old generation's live data after the last collection against its maximum (heap in use right now counts
 * garbage too, so it is not the measure), and the longest pause.
 */
@Component
@Order(3)
class HeapAnalyzer implements Analyzer {

    static final double LIVE_WARNING = 0.85;
    static final double LIVE_CRITICAL = 0.95;
    static final double PAUSE_WARNING_SECONDS = 1.0;

    @Override
    public Said reads() {
        return Said.of("reads.heap");
    }

    @Override
    public List<Found> analyze(Signals signals) {
        List<Found> found = new ArrayList<>();
        double live = signals.sum("jvm_gc_live_data_size_bytes").orElse(0);
        double max = signals.sum("jvm_gc_max_data_size_bytes").orElse(0);
        if (max > 0 && live / max >= LIVE_WARNING) {
            found.add(new Found("heap-live-data-high", live / max >= LIVE_CRITICAL ? Severity.CRITICAL : Severity.WARNING,
                    Said.of("heap.live.title", live / max, mebibytes(live), mebibytes(max)),
                    List.of(Evidence.metric("jvm_gc_live_data_size_bytes", (long) live), Evidence.metric("jvm_gc_max_data_size_bytes", (long) max)),
                    "oom", Said.of("heap.live.next")));
        }
        double pause = signals.max("jvm_gc_pause_seconds_max").orElse(0);
        if (pause >= PAUSE_WARNING_SECONDS) {
            found.add(new Found("gc-pauses", Severity.WARNING, Said.of("gc.pause.title", pause),
                    List.of(Evidence.metric("jvm_gc_pause_seconds_max", pause)), "latency", Said.of("gc.pause.next")));
        }
        return found;
    }

    private static long mebibytes(double bytes) {
        return (long) (bytes / (1024 * 1024));
    }
}
