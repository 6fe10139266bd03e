package com.nexusai.desktop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.stream.Stream;

import com.nexusai.core.api.ChatStream;
import com.nexusai.core.api.EventStream;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.chat.ChatApi;
import com.nexusai.core.chat.ChatModels;
import com.nexusai.core.chat.Conversation;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** The chat against a scripted server (the answer's events as the server sends them), on the current thread. */
class ChatViewModelTest {

    final ResourceBundle text = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH);
    final ScriptedChat api = new ScriptedChat();
    boolean confirmDelete = true;
    final ChatViewModel model = new ChatViewModel(text, () -> api, new CurrentThreadTaskExecutor(), new ChatViewModel.Dialogs() {
        @Override
        public Optional<String> askTitle(String current) {
            return Optional.of("  Heap questions  ");
        }

        @Override
        public boolean confirmDelete(String title) {
            return confirmDelete;
        }

        @Override
        public void openLink(String url) {
            opened.add(url);
        }

        @Override
        public boolean confirmAction(String description) {
            confirmations.add(description);
            return confirmAction;
        }
    });
    boolean confirmAction;
    final List<String> confirmations = new java.util.ArrayList<>();
    final List<String> opened = new java.util.ArrayList<>();

    /** Conversations in memory; each question is answered with the next scripted events. */
    static final class ScriptedChat implements ChatApi {
        ChatModels models = new ChatModels(List.of("llama3"), "mistral", false);
        final Map<String, Conversation> stored = new LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();
        final List<Boolean> withTools = new ArrayList<>();
        final List<ChatStream.Proposal> ran = new ArrayList<>();
        List<String> answer = List.of();
        IOException refusal;

        @Override
        public ChatModels models() {
            return models;
        }

        @Override
        public List<Conversation.Summary> conversations(int size) {
            return stored.values().stream().map(c -> new Conversation.Summary(c.id(), c.title())).toList().reversed();
        }

        @Override
        public Conversation conversation(String id) {
            return stored.get(id);
        }

        @Override
        public void rename(String id, String title) {
            Conversation c = stored.get(id);
            stored.put(id, new Conversation(id, title, c.messages()));
        }

        @Override
        public void delete(String id) {
            stored.remove(id);
        }

        @Override
        public ChatStream ask(String message, String conversationId, String model) throws IOException {
            if (refusal != null) {
                throw refusal;
            }
            asked.add(message + " [" + model + "]");
            String id = conversationId == null ? "c" + (stored.size() + 1) : conversationId;
            stored.put(id, new Conversation(id, message.lines().findFirst().orElse(""), List.of(new Conversation.Message("user", message, null))));
            List<String> lines = new ArrayList<>(List.of("event:start", "data:{\"generationId\":\"g1\",\"conversationId\":\"" + id + "\",\"model\":\""
                    + model + "\"}", ""));
            lines.addAll(answer);
            return new ChatStream(new EventStream(lines.stream()));
        }

        @Override
        public ChatStream ask(String message, String conversationId, String model, boolean tools) throws IOException {
            withTools.add(tools);
            return ask(message, conversationId, model);
        }

        @Override
        public String run(ChatStream.Proposal proposal) {
            ran.add(proposal);
            return "[]";
        }

        @Override
        public void cancel(String generationId) {
            asked.add("cancel " + generationId);
        }
    }

    static List<String> tokens(String... words) {
        List<String> lines = new ArrayList<>();
        for (String word : words) {
            lines.addAll(List.of("event:token", "data:{\"content\":\"" + word + "\"}", ""));
        }
        return lines;
    }

    @Test
    void aMissingConfiguredModelIsOfferedFirstWithItsFix() {
        model.loadModels();
        assertThat(model.models()).containsExactly("mistral", "llama3");
        assertThat(model.modelProperty().get()).isEqualTo("mistral");
        assertThat(model.modelProblemProperty().get()).isTrue();
        assertThat(model.modelStateProperty().get()).contains("ollama pull mistral");
        api.models = new ChatModels(List.of("llama3", "mistral"), "mistral", true);
        model.loadModels();
        assertThat(model.modelStateProperty().get()).isEmpty();
        assertThat(model.modelProblemProperty().get()).isFalse();
    }

    @Test
    void anAnswerStreamsIntoTheTranscriptAndItsConversationIsListed() {
        model.loadModels();
        model.modelProperty().set("llama3");
        api.answer = Stream.concat(tokens("The ", "heap ", "grows.").stream(),
                Stream.of("event:done", "data:{\"eval_count\":3,\"tokens_per_second\":42.5}", "")).toList();
        model.questionProperty().set("Why is the heap so high?");
        model.send();
        assertThat(api.asked).containsExactly("Why is the heap so high? [llama3]");
        assertThat(model.transcript()).hasSize(2);
        ChatViewModel.Entry answer = model.transcript().get(1);
        assertThat(answer.textProperty().get()).isEqualTo("The heap grows.");
        assertThat(answer.statusProperty().get()).isEqualTo(ChatViewModel.Status.COMPLETE);
        assertThat(model.stateProperty().get()).isEqualTo("3 tokens, 42.5 tokens/s");
        assertThat(model.streamingProperty().get()).isFalse();
        assertThat(model.questionProperty().get()).as("sent, so cleared").isEmpty();
        assertThat(model.conversations()).extracting(Conversation.Summary::id).containsExactly("c1");
        assertThat(model.redraws()).isPositive();
    }

    @Test
    void toolStepsAreListedAndAProposedActionRunsOnlyOnceTheUserConfirmsIt() {
        model.loadModels();
        api.answer = List.of("event:phase", "data:{\"phase\":\"reading-prompt\",\"round\":1}", "",
                "event:step", "data:{\"round\":1,\"tool\":\"run_analyzers\",\"arguments\":{},\"status\":\"ok\",\"result\":\"[]\","
                        + "\"truncated\":false,\"millis\":81}", "",
                "event:step", "data:{\"round\":1,\"tool\":\"propose_action\",\"arguments\":{\"action\":\"backup\"},\"status\":\"proposed\","
                        + "\"result\":\"proposed\",\"truncated\":false,\"millis\":0,\"proposal\":{\"action\":\"backup\",\"method\":\"POST\","
                        + "\"path\":\"/api/admin/backups\",\"body\":{\"kind\":\"all\"},\"reason\":\"27 h since the last one\"}}", "",
                "event:warning", "data:{\"kind\":\"prompt-cut\",\"detail\":\"Ollama dropped its beginning\"}", "",
                "event:phase", "data:{\"phase\":\"generating\",\"round\":2,\"firstTokenMs\":1500}", "");
        api.answer = Stream.concat(Stream.concat(api.answer.stream(), tokens("Run ", "a ", "backup.").stream()),
                Stream.of("event:done", "data:{\"eval_count\":3,\"tokens_per_second\":20.0}", "")).toList();
        model.questionProperty().set("Are the backups fine?");
        model.send();

        assertThat(api.withTools).containsExactly(true);
        assertThat(model.steps()).extracting(ChatStream.Step::tool, ChatStream.Step::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("run_analyzers", "ok"), org.assertj.core.groups.Tuple.tuple("propose_action", "proposed"));
        assertThat(model.steps().get(1).arguments()).isEqualTo("{\"action\":\"backup\"}");
        assertThat(model.warningProperty().get()).isEqualTo("Ollama dropped its beginning");
        ChatStream.Proposal backup = model.proposals().getFirst();
        assertThat(backup.path()).isEqualTo("/api/admin/backups");
        assertThat(backup.body()).isEqualTo("{\"kind\":\"all\"}");

        confirmAction = false;
        model.confirm(backup);
        assertThat(api.ran).as("declined: nothing runs").isEmpty();
        assertThat(confirmations).containsExactly("Run the action backup? The model's reason: 27 h since the last one");
        confirmAction = true;
        model.confirm(backup);
        assertThat(api.ran).containsExactly(backup);
        assertThat(model.proposals()).isEmpty();
        assertThat(model.stateProperty().get()).isEqualTo("Done: backup");

        model.withToolsProperty().set(false);
        api.answer = List.of("event:done", "data:{}", "");
        model.questionProperty().set("Thanks");
        model.send();
        assertThat(api.withTools).containsExactly(true, false);
        assertThat(model.steps()).as("a new answer starts with none").isEmpty();
    }

    @Test
    void attachedContextIsShownAsSentAndANewConversationIsTitledByItsQuestion() {
        model.attach(new ContextSource() {
            @Override
            public String name() {
                return "Alerts";
            }

            @Override
            public Attachment fetch() {
                return new Attachment("Active alerts", "HighHeap (critical) firing on app1");
            }
        });
        model.questionProperty().set("What should I do?");
        assertThat(model.preview().get()).contains("### Active alerts").contains("HighHeap (critical) firing on app1")
                .endsWith("What should I do?");
        api.answer = Stream.concat(tokens("Restart.").stream(), Stream.of("event:done", "data:{\"eval_count\":1,\"tokens_per_second\":9}", "")).toList();
        model.send();
        assertThat(api.asked).singleElement().asString().contains("HighHeap");
        assertThat(model.attachments()).as("sent with the question").isEmpty();
        assertThat(api.stored.get("c1").title()).isEqualTo("What should I do?");
    }

    @Test
    void aRefusalBeforeStreamingLeavesNoEmptyAnswerAndSaysWhy() {
        api.refusal = new NexusClient.ApiException(503, "Ollama cannot be reached — start it: systemctl start ollama");
        model.questionProperty().set("Hello?");
        model.send();
        assertThat(model.transcript()).extracting(ChatViewModel.Entry::mine).containsExactly(true);
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.stateProperty().get()).contains("systemctl start ollama");
        assertThat(model.streamingProperty().get()).isFalse();
    }

    @Test
    void aStreamThatEndsWithAnErrorOrACancelSaysSo() {
        api.answer = Stream.concat(tokens("Par").stream(), Stream.of("event:error", "data:{\"status\":502,\"detail\":\"model crashed\",\"fix\":\"\"}", ""))
                .toList();
        model.questionProperty().set("Q1");
        model.send();
        assertThat(model.transcript().get(1).statusProperty().get()).isEqualTo(ChatViewModel.Status.FAILED);
        assertThat(model.stateProperty().get()).isEqualTo("model crashed");
        api.answer = Stream.concat(tokens("Half").stream(), Stream.of("event:cancelled", "data:{\"reason\":\"stopped\"}", "")).toList();
        model.questionProperty().set("Q2");
        model.send();
        assertThat(model.transcript().getLast().statusProperty().get()).isEqualTo(ChatViewModel.Status.CANCELLED);
        assertThat(model.stateProperty().get()).isEqualTo(text.getString("chat.stopped"));
    }

    @Test
    void conversationsAreReopenedRenamedAndDeleted() {
        api.answer = Stream.of("event:done", "data:{}", "").toList();
        model.questionProperty().set("First question");
        model.send();
        model.newConversation();
        assertThat(model.transcript()).isEmpty();
        model.selectedConversationProperty().set(model.conversations().getFirst());
        assertThat(model.transcript()).extracting(e -> e.textProperty().get()).containsExactly("First question");
        model.renameChosen();
        assertThat(model.conversations()).extracting(Conversation.Summary::title).containsExactly("Heap questions");
        model.selectedConversationProperty().set(model.conversations().getFirst());
        confirmDelete = false;
        model.deleteChosen();
        assertThat(model.conversations()).hasSize(1);
        confirmDelete = true;
        model.deleteChosen();
        assertThat(model.conversations()).isEmpty();
        assertThat(model.transcript()).as("the open conversation went").isEmpty();
    }

    @Test
    void onlyWebPagesAndMailAddressesOfAnAnswerAreOpened() {
        model.openLink("https://docs.nexusai.example/runbook#heap");
        model.openLink(" mailto:oncall@nexusai.example ");
        assertThat(opened).containsExactly("https://docs.nexusai.example/runbook#heap", "mailto:oncall@nexusai.example");
        assertThat(model.failedProperty().get()).isFalse();

        model.openLink("file:///etc/shadow");
        model.openLink("javascript:alert(1)");
        model.openLink("not a uri at all");
        assertThat(opened).hasSize(2);
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.stateProperty().get()).isEqualTo("Not opened: not a uri at all is not a web page or a mail address");
    }
}
