package com.nexusai.server.ai;

import java.util.List;

/**
 * One message of a conversation as the model sees it: {@code user}, {@code assistant} (which may ask for tools), or
 * {@code tool} (a tool's result, by the tool's name).
 */
record ChatTurn(String role, String content, List<ToolCall> toolCalls, String toolName) {

    ChatTurn {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    ChatTurn(String role, String content) {
        this(role, content, List.of(), null);
    }

    static ChatTurn user(String content) {
        return new ChatTurn("user", content);
    }

    static ChatTurn system(String content) {
        return new ChatTurn("system", content);
    }

    static ChatTurn askingFor(String content, List<ToolCall> calls) {
        return new ChatTurn("assistant", content, calls, null);
    }

    static ChatTurn toolResult(String tool, String content) {
        return new ChatTurn("tool", content, List.of(), tool);
    }
}
