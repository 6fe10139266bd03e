package com.nexusai.server.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the tools the model asks for, with the rights of the user who asked: a tool is offered to, and run for, only a
 * caller whom the server's security rules let read the operation that guards it ({@link ChatTool#guardedBy()}). A tool
 * the caller may not use, or that does not exist, is refused in its result, so the model can say so. Results go to the
 * model as JSON, cut at {@link ChatProperties#toolResultLimit()} characters with a note that says so.
 *
 * <p>Actions are never run here: {@code propose_action} answers what the console should offer the user to confirm
 * (method, path, body), and the console calls that operation with the user's own token once they do.
 */
@Component
class ChatToolbox {

    static final String PROPOSE = "propose_action";

    private static final Logger log = LoggerFactory.getLogger(ChatToolbox.class);

    /** What the console confirms: the operation the user will call, and the reason the model gave. */
    record Proposal(String action, String method, String path, Map<String, Object> body, String reason) {
    }

    /** One tool call as it went: {@code status} ok, refused (the caller may not), failed, unknown (no such tool) or proposed. */
    record Step(int round, String tool, Map<String, Object> arguments, String status, String result, boolean truncated, long millis,
            Proposal proposal) {
    }

    private static final List<Proposal> ACTIONS = List.of(
            new Proposal("diagnostics-snapshot", "GET", "/api/diagnostics/snapshot", Map.of(), null),
            new Proposal("backup", "POST", "/api/admin/backups", Map.of("kind", "all"), null),
            new Proposal("open-incident", "POST", "/api/incidents", Map.of("severity", "warning", "source", "chat"), null),
            new Proposal("escalate-incident", "POST", "/api/incidents/{incident}/escalate", Map.of(), null));

    private final List<ChatTool> tools;
    private final WebInvocationPrivilegeEvaluator privileges;
    private final JsonMapper json;
    private final ChatProperties properties;

    @Autowired
    ChatToolbox(ReadOnlyTools tools, WebInvocationPrivilegeEvaluator privileges, JsonMapper json, ChatProperties properties) {
        this(tools.all(), privileges, json, properties);
    }

    ChatToolbox(List<ChatTool> tools, WebInvocationPrivilegeEvaluator privileges, JsonMapper json, ChatProperties properties) {
        this.tools = List.copyOf(tools);
        this.privileges = privileges;
        this.json = json;
        this.properties = properties;
    }

    /** The definitions sent to the model: the tools {@code caller} may use, and the proposal of the actions they may run. */
    List<Map<String, Object>> definitionsFor(Authentication caller) {
        List<Map<String, Object>> offered = new ArrayList<>();
        tools.stream().filter(tool -> allowed(tool, caller)).forEach(tool -> offered.add(tool.definition()));
        List<String> actions = ACTIONS.stream().filter(action -> allowed(action, caller)).map(Proposal::action).toList();
        if (!actions.isEmpty()) {
            offered.add(proposeTool(actions).definition());
        }
        return offered;
    }

    private static ChatTool proposeTool(List<String> actions) {
        return new ChatTool(PROPOSE, "Proposes an action to the user, who decides whether to run it: it is never run by you. "
                + "Propose one when the findings call for it, with the reason.",
                List.of(new ChatTool.Parameter("action", "string", "the action", actions, true),
                        new ChatTool.Parameter("reason", "string", "why, in one sentence (the incident's title when opening one)", List.of(), true),
                        new ChatTool.Parameter("incident", "string", "the incident's id, to escalate one", List.of(), false)),
                "/api/ai/chat", (arguments, locale) -> null);
    }

    /** Runs {@code call} for {@code caller}; never throws: a refusal or a failure is the step's result, for the model to read. */
    Step run(int round, ToolCall call, Authentication caller, Locale locale) {
        long started = System.nanoTime();
        if (PROPOSE.equals(call.name())) {
            return propose(round, call, caller, started);
        }
        ChatTool tool = tools.stream().filter(each -> each.name().equals(call.name())).findFirst().orElse(null);
        if (tool == null) {
            return step(round, call, "unknown", "there is no tool named " + call.name(), started, null);
        }
        if (!allowed(tool, caller)) {
            return step(round, call, "refused", "refused: your role may not read what " + tool.name() + " reads (" + tool.guardedBy() + ")",
                    started, null);
        }
        try {
            return step(round, call, "ok", json.writeValueAsString(tool.run().read(call.arguments(), locale)), started, null);
        } catch (IllegalArgumentException e) {
            return step(round, call, "failed", "bad arguments: " + e.getMessage(), started, null);
        } catch (Exception e) {
            log.warn("The chat's tool {} failed: {}", tool.name(), e.toString());
            return step(round, call, "failed", "the tool failed: " + e.getMessage(), started, null);
        }
    }

    private Step propose(int round, ToolCall call, Authentication caller, long started) {
        Object action = call.arguments().get("action");
        Proposal known = ACTIONS.stream().filter(each -> each.action().equals(action)).findFirst().orElse(null);
        if (known == null) {
            return step(round, call, "unknown", "there is no action named " + action + "; the actions are "
                    + ACTIONS.stream().map(Proposal::action).toList(), started, null);
        }
        if (!allowed(known, caller)) {
            return step(round, call, "refused", "refused: your role may not " + known.action(), started, null);
        }
        String reason = call.arguments().get("reason") == null ? "" : call.arguments().get("reason").toString().strip();
        String path = known.path();
        if (path.contains("{incident}")) {
            Object incident = call.arguments().get("incident");
            if (incident == null || !incident.toString().matches("[0-9a-fA-F-]{36}")) {
                return step(round, call, "failed", "bad arguments: incident must be the incident's id", started, null);
            }
            path = path.replace("{incident}", incident.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>(known.body());
        if (known.action().equals("open-incident")) {
            body.put("title", reason.isEmpty() ? "Opened from the chat" : reason);
        }
        Proposal proposal = new Proposal(known.action(), known.method(), path, body, reason);
        return step(round, call, "proposed", "proposed to the user, who decides: it runs only if they confirm it in the console",
                started, proposal);
    }

    private Step step(int round, ToolCall call, String status, String result, long started, Proposal proposal) {
        int limit = properties.toolResultLimit();
        boolean truncated = result.length() > limit;
        String said = truncated
                ? result.substring(0, limit) + " [truncated: " + limit + " of " + result.length() + " characters shown]"
                : result;
        return new Step(round, call.name(), call.arguments(), status, said, truncated, (System.nanoTime() - started) / 1_000_000, proposal);
    }

    private boolean allowed(ChatTool tool, Authentication caller) {
        return privileges.isAllowed(tool.guardedBy(), caller);
    }

    private boolean allowed(Proposal action, Authentication caller) {
        String path = action.path().replace("{incident}", "00000000-0000-0000-0000-000000000000");
        return privileges.isAllowed(null, path, action.method(), caller);
    }
}
