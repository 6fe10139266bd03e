package com.nexusai.core.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Alerts silenced on purpose (a maintenance window, a known cause): a silence covers one alert on one
 * instance, or on every instance, until it expires; it always says why and who. A silenced alert is
 * still evaluated and shown, but raises no notification.
 */
public final class Silences {

    /** {@code instance} empty: every instance. */
    public record Silence(String alert, String instance, Instant until, String reason, String by) {

        boolean covers(AlertEngine.Alert active) {
            return alert.equals(active.name()) && (instance.isEmpty() || instance.equals(active.labels().getOrDefault("instance", "")));
        }
    }

    public static final Duration LONGEST = Duration.ofDays(7);

    private final Clock clock;
    private final List<Silence> silences = new CopyOnWriteArrayList<>();

    public Silences(Clock clock) {
        this.clock = clock;
    }

    /** Silences {@code alert} for {@code duration}; refuses a silence without a reason, or longer than {@link #LONGEST}. */
    public Silence add(String alert, String instance, Duration duration, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a silence needs a reason");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a silence lasts more than zero and at most 7 days, not " + duration);
        }
        Silence silence = new Silence(alert, instance == null ? "" : instance, clock.instant().plus(duration), reason.strip(), by);
        silences.removeIf(s -> s.alert().equals(silence.alert()) && s.instance().equals(silence.instance()));
        silences.add(silence);
        return silence;
    }

    /** The silence that covers {@code active} now, if any (the one that ends last). */
    public Optional<Silence> covering(AlertEngine.Alert active) {
        Instant now = clock.instant();
        return silences.stream().filter(s -> s.until().isAfter(now) && s.covers(active))
                .max(java.util.Comparator.comparing(Silence::until));
    }

    public void remove(Silence silence) {
        silences.remove(silence);
    }

    /** The silences not yet expired; expired ones are forgotten. */
    public List<Silence> active() {
        Instant now = clock.instant();
        silences.removeIf(s -> !s.until().isAfter(now));
        return List.copyOf(silences);
    }
}
