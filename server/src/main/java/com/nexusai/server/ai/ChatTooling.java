package com.nexusai.server.ai;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.Authentication;

/**
 * The tools of one answer: their definitions as sent to the model, whose rights run them, in which language their
 * results are said, and how many rounds of calls the model may make. {@link #NONE} for a chat without tools.
 */
record ChatTooling(ChatToolbox toolbox, Authentication caller, Locale locale, List<Map<String, Object>> definitions, int rounds) {

    static final ChatTooling NONE = new ChatTooling(null, null, Locale.ROOT, List.of(), 0);

    ChatTooling {
        definitions = List.copyOf(definitions);
    }

    boolean on() {
        return toolbox != null && !definitions.isEmpty();
    }

    ChatToolbox.Step run(int round, ToolCall call) {
        return toolbox.run(round, call, caller, locale);
    }
}
