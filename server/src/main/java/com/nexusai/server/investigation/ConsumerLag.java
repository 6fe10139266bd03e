package com.nexusai.server.investigation;

import java.time.Duration;
import java.util.List;

import com.nexusai.server.events.KafkaLagMetrics;

/**
 * A consumer group's state on one partition over its window of readings, the way Burrow judges it (not by a lag
 * threshold, which cannot tell a busy consumer from a dead one):
 * <ul>
 * <li>OK: the lag was zero at some point of the window, or it is shrinking;</li>
 * <li>WARN: the consumer commits, but the lag grows at every reading: it falls behind;</li>
 * <li>STALL: the committed offset has not moved over the window while records wait: a consumer is there but stuck;</li>
 * <li>STOP: the group has no consumer left, and records wait.</li>
 * </ul>
 * With the rates over the window: records consumed and produced per second, and the time to catch up when consuming
 * is faster.
 */
record ConsumerLag(Status status, long lag, long lagAtStart, Duration window, double consumedPerSecond, double producedPerSecond) {

    enum Status { OK, WARN, STALL, STOP }

    /** Readings a judgement needs; fewer and there is no window yet. */
    static final int ENOUGH = 3;

    static ConsumerLag of(KafkaLagMetrics.Window window) {
        List<KafkaLagMetrics.Point> points = window.points();
        if (points.size() < ENOUGH) {
            return null;
        }
        KafkaLagMetrics.Point first = points.getFirst();
        KafkaLagMetrics.Point last = points.getLast();
        Duration span = Duration.between(first.at(), last.at());
        double seconds = Math.max(span.toMillis(), 1) / 1000.0;
        double consumed = (last.committedOffset() - first.committedOffset()) / seconds;
        double produced = (last.endOffset() - first.endOffset()) / seconds;
        Status status;
        if (points.stream().anyMatch(point -> point.lag() == 0)) {
            status = Status.OK;
        } else if (last.consumers() == 0) {
            status = Status.STOP;
        } else if (first.committedOffset() == last.committedOffset() && last.lag() >= first.lag()) {
            status = Status.STALL;
        } else if (growing(points)) {
            status = Status.WARN;
        } else {
            status = Status.OK;
        }
        return new ConsumerLag(status, last.lag(), first.lag(), span, consumed, produced);
    }

    private static boolean growing(List<KafkaLagMetrics.Point> points) {
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).lag() < points.get(i - 1).lag()) {
                return false;
            }
        }
        return points.getLast().lag() > points.getFirst().lag();
    }

    /** Seconds until the lag is gone at the window's rates, or -1 when consuming is not faster than producing. */
    long secondsToCatchUp() {
        double gaining = consumedPerSecond - producedPerSecond;
        return gaining <= 0 ? -1 : (long) Math.ceil(lag / gaining);
    }
}
