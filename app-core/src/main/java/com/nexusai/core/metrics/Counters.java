package com.nexusai.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters and histograms between two scrapes: what Prometheus's {@code increase} and
 * {@code histogram_quantile} compute, for the console's panels and the alert engine alike.
 */
public final class Counters {

    private Counters() {
    }

    /**
     * Each series of counter {@code name} in {@code after}, valued by how much it grew since
     * {@code before} (a series that went down was reset and counts from 0; a new one from 0).
     */
    public static List<Sample> increases(List<Sample> before, List<Sample> after, String name) {
        Map<Map<String, String>, Double> was = new HashMap<>();
        for (Sample sample : before) {
            if (sample.name().equals(name)) {
                was.put(sample.labels(), sample.value());
            }
        }
        List<Sample> increases = new ArrayList<>();
        for (Sample sample : after) {
            if (sample.name().equals(name)) {
                double previous = was.getOrDefault(sample.labels(), 0.0);
                increases.add(new Sample(name, sample.labels(), sample.value() >= previous ? sample.value() - previous : sample.value()));
            }
        }
        return increases;
    }

    /** A histogram bucket's upper bound, from its {@code le} label. */
    public static double upperBound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    /** Cumulative {@code buckets} (upper bound to count) to the {@code q} quantile, interpolated linearly within a bucket, as Prometheus does. */
    public static double quantile(double q, TreeMap<Double, Double> buckets) {
        Double total = buckets.get(Double.POSITIVE_INFINITY);
        if (total == null || total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound; // Prometheus answers the highest finite bound
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey() : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}
