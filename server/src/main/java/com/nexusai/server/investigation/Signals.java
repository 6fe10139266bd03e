package com.nexusai.server.investigation;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import com.nexusai.core.metrics.Sample;

/** This instance's own metrics (its registry) at the moment of the investigation, read once and shared by every analyzer. */
record Signals(List<Sample> samples) {

    Signals {
        samples = List.copyOf(samples);
    }

    /** The sum of the series of {@code name} whose labels match, or empty when there is none. */
    OptionalDouble sum(String name, Map<String, String> match) {
        List<Sample> found = samples.stream().filter(sample -> sample.name().equals(name) && sample.matches(match)).toList();
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.stream().mapToDouble(Sample::value).sum());
    }

    OptionalDouble sum(String name) {
        return sum(name, Map.of());
    }

    /** The largest value of the series of {@code name}, or empty. */
    OptionalDouble max(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).mapToDouble(Sample::value).max();
    }
}
