package com.nexusai.core.api;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** Reading the server's answers into records: a field that is absent or null is null, never "null" or 0. */
public final class Json {

    private Json() {
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    public static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asLong() : null;
    }

    public static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }
}
