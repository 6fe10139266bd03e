package com.nexusai.server.ai;

import java.util.Map;

/** A tool the model asked for in its answer ({@code message.tool_calls[].function}), with its arguments as the model wrote them. */
record ToolCall(String name, Map<String, Object> arguments) {

    ToolCall {
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }
}
