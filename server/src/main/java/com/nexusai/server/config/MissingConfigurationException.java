package com.nexusai.server.config;

import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/** Environment variables the configuration needs are not set; each is named with what needs it. */
public class MissingConfigurationException extends RuntimeException {

    private final SequencedMap<String, String> missing;

    /** @param missing each variable, with what uses it */
    public MissingConfigurationException(SequencedMap<String, String> missing) {
        super("Missing environment variables: " + missing.entrySet().stream()
                .map(e -> e.getKey() + " (needed by " + e.getValue() + ")").collect(Collectors.joining(", ")));
        this.missing = missing;
    }

    public MissingConfigurationException(String variable, String neededBy) {
        this(new java.util.LinkedHashMap<>(Map.of(variable, neededBy)));
    }

    public SequencedMap<String, String> missing() {
        return missing;
    }
}
