package com.nexusai.server.investigation;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.nexusai.core.metrics.Sample;

/**
 * What one investigation reads, shared by every analyzer: this instance's own metrics (its registry), read once before
 * the analyzers start, and PostgreSQL's sessions, read on the first analyzer's demand and then shared (one connection
 * per investigation, whichever analyzers need them).
 */
final class Signals {

    private final List<Sample> samples;
    private final RuntimeException samplesFailure;
    private final Callable<List<PostgresSessions.Session>> sessionsReader;
    private List<PostgresSessions.Session> sessions;
    private Exception sessionsFailure;

    Signals(List<Sample> samples, Callable<List<PostgresSessions.Session>> sessionsReader) {
        this.samples = List.copyOf(samples);
        this.samplesFailure = null;
        this.sessionsReader = sessionsReader;
    }

    private Signals(RuntimeException samplesFailure, Callable<List<PostgresSessions.Session>> sessionsReader) {
        this.samples = List.of();
        this.samplesFailure = samplesFailure;
        this.sessionsReader = sessionsReader;
    }

    /**
     * The registry read by {@code samples}; when that read fails (a meter whose value cannot be taken, a scrape that
     * cannot be parsed), every analyzer that needs metrics is given the failure, and the others still answer.
     */
    static Signals read(Supplier<List<Sample>> samples, Callable<List<PostgresSessions.Session>> sessionsReader) {
        try {
            return new Signals(samples.get(), sessionsReader);
        } catch (RuntimeException e) {
            return new Signals(e, sessionsReader);
        }
    }

    /** Metrics only (an analyzer that asks for sessions gets a failure). */
    Signals(List<Sample> samples) {
        this(samples, () -> {
            throw new IllegalStateException("no PostgreSQL sessions in these signals");
        });
    }

    List<Sample> samples() {
        if (samplesFailure != null) {
            throw new IllegalStateException("this instance's metrics could not be read: " + samplesFailure.getMessage(), samplesFailure);
        }
        return samples;
    }

    /** PostgreSQL's client sessions, read once for the whole investigation; a failure to read them is given to every asker. */
    synchronized List<PostgresSessions.Session> sessions() throws Exception {
        if (sessions == null && sessionsFailure == null) {
            try {
                sessions = sessionsReader.call();
            } catch (Exception e) {
                sessionsFailure = e;
            }
        }
        if (sessionsFailure != null) {
            throw sessionsFailure;
        }
        return sessions;
    }

    /** The sum of the series of {@code name} whose labels match, or empty when there is none. */
    OptionalDouble sum(String name, Map<String, String> match) {
        List<Sample> found = samples().stream().filter(sample -> sample.name().equals(name) && sample.matches(match)).toList();
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.stream().mapToDouble(Sample::value).sum());
    }

    OptionalDouble sum(String name) {
        return sum(name, Map.of());
    }

    /** The largest value of the series of {@code name}, or empty. */
    OptionalDouble max(String name) {
        return samples().stream().filter(sample -> sample.name().equals(name)).mapToDouble(Sample::value).max();
    }
}
