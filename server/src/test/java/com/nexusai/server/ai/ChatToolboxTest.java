package com.nexusai.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import tools.jackson.databind.json.JsonMapper;

/** The toolbox with tools of the test's own and a privilege evaluator that allows a fixed set of paths. */
class ChatToolboxTest {

    private static final Authentication CALLER = UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of());

    private static WebInvocationPrivilegeEvaluator allowing(Set<String> paths) {
        return new WebInvocationPrivilegeEvaluator() {
            @Override
            public boolean isAllowed(String uri, Authentication authentication) {
                return paths.contains(uri);
            }

            @Override
            public boolean isAllowed(String contextPath, String uri, String method, Authentication authentication) {
                return paths.contains(method + " " + uri);
            }

            public boolean isAllowed(HttpServletRequest request, Authentication authentication) {
                return false;
            }
        };
    }

    private static ChatToolbox toolbox(int limit, Set<String> allowed, ChatTool... tools) {
        return new ChatToolbox(List.of(tools), allowing(allowed), JsonMapper.builder().build(),
                new ChatProperties(null, null, 100, 32000, 5, limit));
    }

    private static ChatTool tool(String name, String path, ChatTool.Run run) {
        return new ChatTool(name, "reads " + name, List.of(new ChatTool.Parameter("n", "integer", "how many", List.of(), false)), path, run);
    }

    @Test
    void onlyTheToolsTheCallerMayReadAreOfferedAndTheOthersAreRefusedWithoutRunning() {
        ChatTool lag = tool("kafka_lag", "/api/admin/kafka/lag", (arguments, locale) -> {
            throw new AssertionError("a refused tool must not run");
        });
        ChatTool row = tool("runbook_row", "/api/ai/chat", (arguments, locale) -> Map.of("row", "pool"));
        ChatToolbox toolbox = toolbox(4000, Set.of("/api/ai/chat"), lag, row);

        assertThat(toolbox.definitionsFor(CALLER)).extracting(definition -> (Object) ((Map<?, ?>) definition.get("function")).get("name"))
                .containsExactly("runbook_row");
        ChatToolbox.Step refused = toolbox.run(1, new ToolCall("kafka_lag", Map.of()), CALLER, Locale.ENGLISH);
        assertThat(refused.status()).isEqualTo("refused");
        assertThat(refused.result()).startsWith("refused: your role may not read what kafka_lag reads");
        ChatToolbox.Step ok = toolbox.run(1, new ToolCall("runbook_row", Map.of()), CALLER, Locale.ENGLISH);
        assertThat(ok.status()).isEqualTo("ok");
        assertThat(ok.result()).isEqualTo("{\"row\":\"pool\"}");
        assertThat(toolbox.run(1, new ToolCall("drop_tables", Map.of()), CALLER, Locale.ENGLISH).status()).isEqualTo("unknown");
    }

    @Test
    void aLongResultIsCutWithANoteAndBadArgumentsAreTheModelsToRead() {
        ChatTool big = tool("read_metric", "/api/metrics/history",
                (arguments, locale) -> "x".repeat((int) ReadOnlyTools.bounded(arguments, "n", 10, 1, 1000)));
        ChatToolbox toolbox = toolbox(100, Set.of("/api/metrics/history"), big);

        ChatToolbox.Step cut = toolbox.run(2, new ToolCall("read_metric", Map.of("n", 500)), CALLER, Locale.ENGLISH);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.result()).hasSize(100 + " [truncated: 100 of 502 characters shown]".length())
                .endsWith(" [truncated: 100 of 502 characters shown]");
        ChatToolbox.Step bad = toolbox.run(2, new ToolCall("read_metric", Map.of("n", "many")), CALLER, Locale.ENGLISH);
        assertThat(bad.status()).isEqualTo("failed");
        assertThat(bad.result()).isEqualTo("bad arguments: n must be a whole number from 1 to 1000");
    }

    @Test
    void anActionIsOnlyProposedWithTheOperationTheUserWouldConfirm() {
        ChatToolbox toolbox = toolbox(4000, Set.of("POST /api/admin/backups", "POST /api/incidents"));

        assertThat(toolbox.definitionsFor(CALLER)).singleElement().satisfies(definition -> {
            Map<?, ?> function = (Map<?, ?>) definition.get("function");
            assertThat(function.get("name")).isEqualTo("propose_action");
            assertThat(function.toString()).contains("enum=[backup, open-incident]");
        });
        ChatToolbox.Step backup = toolbox.run(1, new ToolCall("propose_action", Map.of("action", "backup", "reason", "27 h since the last one")),
                CALLER, Locale.ENGLISH);
        assertThat(backup.status()).isEqualTo("proposed");
        assertThat(backup.proposal()).isEqualTo(new ChatToolbox.Proposal("backup", "POST", "/api/admin/backups", Map.of("kind", "all"),
                "27 h since the last one"));
        ChatToolbox.Step snapshot = toolbox.run(1, new ToolCall("propose_action", Map.of("action", "diagnostics-snapshot")), CALLER, Locale.ENGLISH);
        assertThat(snapshot.status()).isEqualTo("refused");
        assertThat(snapshot.proposal()).isNull();
        ChatToolbox.Step incident = toolbox.run(1, new ToolCall("propose_action", Map.of("action", "open-incident", "reason", "Pool exhausted")),
                CALLER, Locale.ENGLISH);
        assertThat(incident.proposal().body()).containsEntry("title", "Pool exhausted").containsEntry("severity", "warning");
    }
}
