package com.nexusai.desktop.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * A series of many points made small enough to draw without losing its spikes: the points are cut into buckets of
 * consecutive ones, and each bucket keeps its lowest and its highest (in their time order). The newest point is
 * always kept, so the line ends where the data ends.
 */
final class MinMaxThinning {

    /** A point of a time series: when (epoch milliseconds) and how much. */
    record Point(long at, double value) {
    }

    private MinMaxThinning() {
    }

    /** At most {@code 2 * buckets + 1} points of {@code points} (in time order); all of them when they are few enough. */
    static List<Point> thin(List<Point> points, int buckets) {
        if (points.size() <= 2 * buckets) {
            return points;
        }
        int size = (points.size() + buckets - 1) / buckets;
        List<Point> kept = new ArrayList<>();
        for (int from = 0; from < points.size(); from += size) {
            List<Point> bucket = points.subList(from, Math.min(points.size(), from + size));
            int low = 0;
            int high = 0;
            for (int i = 1; i < bucket.size(); i++) {
                if (bucket.get(i).value() < bucket.get(low).value()) {
                    low = i;
                }
                if (bucket.get(i).value() > bucket.get(high).value()) {
                    high = i;
                }
            }
            kept.add(bucket.get(Math.min(low, high)));
            if (low != high) {
                kept.add(bucket.get(Math.max(low, high)));
            }
        }
        if (kept.getLast() != points.getLast()) {
            kept.add(points.getLast());
        }
        return kept;
    }
}
