package com.nexusai.server.ai;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A read-only tool the model may call. {@code guardedBy} is the API operation that reads the same data
 * ({@code GET /api/...}): the caller may use the tool exactly when the server's security rules let them call that
 * operation, so a tool never shows more than the caller could read for themselves.
 */
record ChatTool(String name, String description, List<Parameter> parameters, String guardedBy, Run run) {

    /** One argument of a tool; {@code choices} (when not empty) are the only values accepted. */
    record Parameter(String name, String type, String description, List<String> choices, boolean required) {

        Parameter {
            choices = List.copyOf(choices);
        }
    }

    /** Reads what the tool answers: any value the server's JSON mapper writes. */
    @FunctionalInterface
    interface Run {
        Object read(Map<String, Object> arguments, Locale locale) throws Exception;
    }

    ChatTool {
        parameters = List.copyOf(parameters);
    }

    /** The tool as Ollama's {@code tools} field describes it (a function with JSON-schema parameters). */
    Map<String, Object> definition() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            Map<String, Object> property = new java.util.LinkedHashMap<>();
            property.put("type", parameter.type());
            property.put("description", parameter.description());
            if (!parameter.choices().isEmpty()) {
                property.put("enum", parameter.choices());
            }
            properties.put(parameter.name(), property);
        }
        List<String> required = parameters.stream().filter(Parameter::required).map(Parameter::name).toList();
        return Map.of("type", "function", "function", Map.of("name", name, "description", description,
                "parameters", Map.of("type", "object", "properties", properties, "required", required)));
    }
}
