package com.nexusai.core.chat;

import java.util.List;

/** The models Ollama has, the one the server is configured with, and whether that one is installed. */
public record ChatModels(List<String> installed, String configured, boolean configuredInstalled) {

    /** What to offer: the installed models, the configured one first when it is missing (so its absence shows). */
    public List<String> offered() {
        if (configured == null || configured.isEmpty() || installed.contains(configured)) {
            return installed;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(configured), installed.stream()).toList();
    }

    /** The model chosen at first: the configured one, else the first installed. */
    public String preferred() {
        return configured == null || configured.isEmpty() ? installed.stream().findFirst().orElse(null) : configured;
    }
}
