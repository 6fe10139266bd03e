package com.nexusai.server.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest points of one series, in two fixed arrays (seconds since {@code base}, and a float value): 8 bytes a
 * point, nothing allocated per point, so the memory of a series is known from the start (about 2 KiB for an hour at
 * 15 s). It also adds up the current minute, and hands back the minute just ended when a point starts a new one.
 * Thread-safe.
 */
final class RawRing {

    /** One minute of a series: its min, average and max over {@code samples} points. */
    record Minute(long epochMinute, double min, double avg, double max, int samples) {
    }

    /** A raw point: when (epoch milliseconds) and the value. */
    record Point(long epochMilli, double value) {
    }

    private final long base;
    private final int[] seconds;
    private final float[] values;
    private int next;
    private int size;
    private long minute = Long.MIN_VALUE;
    private double min;
    private double max;
    private double sum;
    private int count;

    RawRing(int capacity, long baseEpochSecond) {
        this.base = baseEpochSecond;
        this.seconds = new int[capacity];
        this.values = new float[capacity];
    }

    /** Adds a point; returns the minute it closes, or null when it is of the same minute as the last one. */
    synchronized Minute add(long epochMilli, double value) {
        seconds[next] = (int) (epochMilli / 1000 - base);
        values[next] = (float) value;
        next = (next + 1) % seconds.length;
        size = Math.min(size + 1, seconds.length);
        long at = Math.floorDiv(epochMilli, 60_000);
        Minute closed = null;
        if (at != minute) {
            closed = count == 0 ? null : new Minute(minute, min, sum / count, max, count);
            minute = at;
            min = value;
            max = value;
            sum = 0;
            count = 0;
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
        count++;
        return closed;
    }

    /** The points at or after {@code sinceEpochMilli}, the oldest first. */
    synchronized List<Point> since(long sinceEpochMilli) {
        List<Point> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int index = Math.floorMod(next - size + i, seconds.length);
            long at = (base + seconds[index]) * 1000;
            if (at >= sinceEpochMilli) {
                points.add(new Point(at, values[index]));
            }
        }
        return points;
    }

    /** The oldest point's time (epoch milliseconds), or {@code Long.MAX_VALUE} when there is none. */
    synchronized long oldest() {
        return size == 0 ? Long.MAX_VALUE : (base + seconds[Math.floorMod(next - size, seconds.length)]) * 1000;
    }

    int capacity() {
        return seconds.length;
    }
}
