package com.nexusai.desktop.chat;

import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import com.nexusai.core.api.ChatStream;
import com.nexusai.core.chat.ChatApi;
import com.nexusai.core.chat.Conversation;
import com.nexusai.desktop.platform.BackgroundTask;
import com.nexusai.desktop.platform.DirtyBits;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Asking the model about what you are looking at, without a control: the models, the stored conversations, the
 * transcript with the answer that streams (tokens that arrive between two frames drawn together), the live rate and a
 * visible wait for the first token, Stop (which ends the generation upstream), and context attached visibly with the
 * exact text that will be sent.
 */
public final class ChatViewModel implements AutoCloseable {

    /** What the chat asks the user; dialogs in the console, scripted answers in tests. */
    public interface Dialogs {

        /** A new title for the conversation; empty when cancelled or blank. */
        Optional<String> askTitle(String current);

        boolean confirmDelete(String title);

        /** Opens {@code url} in the user's browser or mail program. */
        void openLink(String url);

        /** Whether the user runs an action the model proposed ({@code description} says which, and why). */
        default boolean confirmAction(String description) {
            return false;
        }
    }

    /** How an answer is doing, or how it ended. */
    public enum Status {
        STREAMING, COMPLETE, CANCELLED, FAILED;

        static Status of(String stored) {
            return stored == null ? COMPLETE : switch (stored) {
                case "cancelled" -> CANCELLED;
                case "failed" -> FAILED;
                default -> COMPLETE;
            };
        }
    }

    /** A message of the transcript: what the user sent, or an answer whose text grows while it streams. */
    public static final class Entry {
        private final boolean mine;
        private final ReadOnlyStringWrapper text;
        private final ReadOnlyObjectWrapper<Status> status;

        Entry(boolean mine, String text, Status status) {
            this.mine = mine;
            this.text = new ReadOnlyStringWrapper(text);
            this.status = new ReadOnlyObjectWrapper<>(status);
        }

        public boolean mine() {
            return mine;
        }

        public ReadOnlyStringProperty textProperty() {
            return text.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<Status> statusProperty() {
            return status.getReadOnlyProperty();
        }
    }

    private static final int TITLE_MAX = 200;

    private final ResourceBundle text;
    private final Supplier<ChatApi> api;
    private final TaskExecutor tasks;
    private final Dialogs dialogs;
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObjectProperty<String> model = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper modelState = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper modelProblem = new ReadOnlyBooleanWrapper();
    private final ObservableList<Conversation.Summary> conversations = FXCollections.observableArrayList();
    private final ObjectProperty<Conversation.Summary> selectedConversation = new SimpleObjectProperty<>();
    private final ObservableList<Entry> transcript = FXCollections.observableArrayList();
    private final StringProperty question = new SimpleStringProperty("");
    private final ObservableList<Attachment> attachments = FXCollections.observableArrayList();
    private final StringBinding preview;
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper();
    private final DirtyBits tokensArrived;
    private final BooleanProperty withTools = new SimpleBooleanProperty(true);
    private final ObservableList<ChatStream.Step> steps = FXCollections.observableArrayList();
    private final ObservableList<ChatStream.Proposal> proposals = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");

    private String conversationId;
    private volatile ChatStream stream;
    private volatile String generationId;
    // the answer being streamed: tokens gathered off the FX thread, drawn once per frame
    private final StringBuilder pending = new StringBuilder();
    private int tokens;
    private long firstTokenNanos;
    private Long firstTokenMillis;
    private Entry answer;
    private int redraws;

    /** @param api the instance to ask, read at each call (the one selected on the dashboard) */
    public ChatViewModel(ResourceBundle text, Supplier<ChatApi> api, TaskExecutor tasks, Dialogs dialogs) {
        this.text = text;
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.tokensArrived = new DirtyBits(tasks.nextPulse(), bits -> flush());
        this.preview = Bindings.createStringBinding(this::message, question, attachments);
        selectedConversation.addListener((observable, before, chosen) -> {
            if (chosen != null && !chosen.id().equals(conversationId)) {
                open(chosen.id());
            }
        });
    }

    public ObservableList<String> models() {
        return models;
    }

    public ObjectProperty<String> modelProperty() {
        return model;
    }

    /** Empty, or what is wrong with the configured model (with the fix). */
    public ReadOnlyStringProperty modelStateProperty() {
        return modelState.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty modelProblemProperty() {
        return modelProblem.getReadOnlyProperty();
    }

    public ObservableList<Conversation.Summary> conversations() {
        return conversations;
    }

    public ObjectProperty<Conversation.Summary> selectedConversationProperty() {
        return selectedConversation;
    }

    public ObservableList<Entry> transcript() {
        return transcript;
    }

    public StringProperty questionProperty() {
        return question;
    }

    public ObservableList<Attachment> attachments() {
        return attachments;
    }

    /** Exactly what {@link #send} sends: the attached context, then the question. */
    public StringBinding preview() {
        return preview;
    }

    /** Waiting, receiving with the live rate, or how the last answer ended. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** True while an answer streams: Send waits, Stop works. */
    public ReadOnlyBooleanProperty streamingProperty() {
        return streaming.getReadOnlyProperty();
    }

    /** Frames drawn for the answers so far (tokens arriving between two frames share one); for tests and the benchmark. */
    public int redraws() {
        return redraws;
    }

    public void loadModels() {
        tasks.run(() -> api.get().models(), found -> {
            models.setAll(found.offered());
            model.set(found.preferred());
            boolean missing = !found.configuredInstalled();
            modelProblem.set(missing);
            modelState.set(missing ? String.format(text.getString("chat.modelMissing"), found.configured(), found.configured()) : "");
        }, failure -> {
            modelProblem.set(true);
            modelState.set(failure.getMessage());
        });
    }

    /** Reads the list again, choosing {@code select} in it (null: no choice). */
    public void loadConversations(String select) {
        tasks.run(() -> api.get().conversations(100), list -> {
            conversations.setAll(list);
            if (select != null) {
                list.stream().filter(c -> c.id().equals(select)).findFirst().ifPresent(selectedConversation::set);
            }
        }, this::showFailure);
    }

    public void newConversation() {
        conversationId = null;
        selectedConversation.set(null);
        transcript.clear();
        state.set("");
        failed.set(false);
    }

    private void open(String id) {
        conversationId = id;
        tasks.run(() -> api.get().conversation(id), conversation -> transcript.setAll(conversation.messages().stream()
                .map(m -> new Entry(m.mine(), m.content(), m.mine() ? Status.COMPLETE : Status.of(m.status()))).toList()), this::showFailure);
    }

    public void renameChosen() {
        Conversation.Summary chosen = selectedConversation.get();
        if (chosen == null) {
            return;
        }
        dialogs.askTitle(chosen.title()).map(String::strip).filter(title -> !title.isEmpty()).ifPresent(title ->
                tasks.run(() -> {
                    api.get().rename(chosen.id(), title);
                    return chosen.id();
                }, this::loadConversations, this::showFailure));
    }

    public void deleteChosen() {
        Conversation.Summary chosen = selectedConversation.get();
        if (chosen == null || !dialogs.confirmDelete(chosen.title())) {
            return;
        }
        tasks.run(() -> {
            api.get().delete(chosen.id());
            return chosen.id();
        }, deleted -> {
            if (deleted.equals(conversationId)) {
                newConversation();
            }
            loadConversations(null);
        }, this::showFailure);
    }

    /** Reads {@code source}'s context (it may call the server) and attaches it. */
    public void attach(ContextSource source) {
        tasks.run(source::fetch, attachments::add, failure -> {
            failed.set(true);
            state.set(text.getString("chat.attachFailed") + " " + failure.getMessage());
        });
    }

    public void detach(Attachment attachment) {
        attachments.remove(attachment);
    }

    String message() {
        if (attachments.isEmpty()) {
            return question.get().strip();
        }
        StringBuilder message = new StringBuilder(text.getString("chat.contextHeader")).append("\n\n");
        for (Attachment attachment : attachments) {
            message.append("### ").append(attachment.title()).append("\n```\n").append(attachment.content().strip()).append("\n```\n\n");
        }
        return message.append(text.getString("chat.questionHeader")).append(' ').append(question.get().strip()).toString();
    }

    public void send() {
        if (question.get().isBlank() || streaming.get()) {
            return;
        }
        String message = message();
        String chosenModel = model.get();
        // a new conversation with context attached is titled by its question, not by the context's header
        String title = conversationId == null && !attachments.isEmpty() ? question.get().strip() : null;
        transcript.add(new Entry(true, message, Status.COMPLETE));
        question.set("");
        attachments.clear();
        Entry streamed = new Entry(false, "", Status.STREAMING);
        answer = streamed;
        transcript.add(streamed);
        synchronized (pending) {
            pending.setLength(0);
            tokens = 0;
            firstTokenNanos = 0;
        }
        failed.set(false);
        state.set(text.getString("chat.waiting"));
        streaming.set(true);
        steps.clear();
        proposals.clear();
        warning.set("");
        firstTokenMillis = null;
        String resumed = conversationId;
        boolean tools = withTools.get();
        tasks.execute(BackgroundTask.of(() -> {
            ChatStream opened = api.get().ask(message, resumed, chosenModel, tools);
            stream = opened;
            opened.read(new ChatStream.Listener() {
                @Override
                public void started(String generation, String conversation, String usedModel) {
                    generationId = generation;
                    tasks.uiThread().post(() -> conversationId = conversation);
                }

                @Override
                public void token(String content) {
                    synchronized (pending) {
                        pending.append(content);
                        tokens++;
                        if (firstTokenNanos == 0) {
                            firstTokenNanos = System.nanoTime();
                        }
                    }
                    tokensArrived.mark(1);
                }

                @Override
                public void phase(ChatStream.Phase phase) {
                    tasks.uiThread().post(() -> {
                        if (phase.generating()) {
                            firstTokenMillis = phase.firstTokenMillis();
                        } else if (answer == streamed) {
                            state.set(String.format(Locale.ROOT, text.getString("chat.readingPrompt"), phase.round()));
                        }
                    });
                }

                @Override
                public void step(ChatStream.Step step) {
                    tasks.uiThread().post(() -> {
                        steps.add(step);
                        if (step.proposal() != null) {
                            proposals.add(step.proposal());
                        }
                    });
                }

                @Override
                public void warning(String kind, String detail) {
                    tasks.uiThread().post(() -> warning.set(detail));
                }

                @Override
                public void done(ChatStream.Stats stats) {
                    tasks.uiThread().post(() -> finish(streamed, stats.tokensPerSecond() == null ? null
                            : String.format(Locale.ROOT, text.getString("chat.done"), stats.tokens() == null ? tokens : stats.tokens(),
                                    stats.tokensPerSecond()), Status.COMPLETE, title));
                }

                @Override
                public void cancelled(String reason) {
                    tasks.uiThread().post(() -> finish(streamed, text.getString("chat.stopped"), Status.CANCELLED, null));
                }

                @Override
                public void failed(int status, String detail, String fix) {
                    tasks.uiThread().post(() -> finish(streamed, detail + (fix.isBlank() ? "" : " — " + fix), Status.FAILED, null));
                }
            });
            return true;
        }).onFailure(failure -> {
            // refused before streaming: Ollama down, model missing (the message carries the fix), bad input
            transcript.remove(streamed);
            finish(null, failure.getMessage(), Status.FAILED, null);
        }));
    }

    /** Draws the tokens that arrived since the last frame, and the live rate. */
    private void flush() {
        String arrived;
        int count;
        long first;
        synchronized (pending) {
            arrived = pending.toString();
            pending.setLength(0);
            count = tokens;
            first = firstTokenNanos;
        }
        if (arrived.isEmpty() || answer == null) {
            return;
        }
        redraws++;
        answer.text.set(answer.text.get() + arrived);
        double seconds = (System.nanoTime() - first) / 1e9;
        String rate = count > 1 && seconds > 0 ? String.format(Locale.ROOT, text.getString("chat.rate"), (count - 1) / seconds)
                : text.getString("chat.receiving");
        state.set(firstTokenMillis == null ? rate
                : String.format(Locale.ROOT, text.getString("chat.firstToken"), firstTokenMillis / 1000.0) + " · " + rate);
    }

    private void finish(Entry streamed, String outcome, Status status, String title) {
        flush();
        stream = null;
        generationId = null;
        streaming.set(false);
        state.set(outcome == null ? "" : outcome);
        failed.set(status == Status.FAILED);
        if (streamed != null) {
            streamed.status.set(status);
        }
        answer = null;
        String id = conversationId;
        if (title != null && id != null && status == Status.COMPLETE) {
            // the server stored the exchange before it said "done"; the title follows
            String shortened = title.length() > TITLE_MAX ? title.substring(0, TITLE_MAX) : title;
            tasks.run(() -> {
                api.get().rename(id, shortened);
                return id;
            }, this::loadConversations, failure -> loadConversations(id));
        } else {
            loadConversations(id);
        }
    }

    /**
     * Runs an action the model proposed, once the user says yes: the console calls the operation itself, with the
     * user's own rights; the server never runs it from the chat.
     */
    public void confirm(ChatStream.Proposal proposal) {
        String description = String.format(text.getString("chat.proposal"), proposal.action(), proposal.reason());
        if (!dialogs.confirmAction(description)) {
            return;
        }
        tasks.run(() -> api.get().run(proposal), reply -> {
            proposals.remove(proposal);
            failed.set(false);
            state.set(String.format(text.getString("chat.actionDone"), proposal.action()));
        }, this::showFailure);
    }

    /** Whether the model may read the platform with the server's read-only tools (as this user). */
    public BooleanProperty withToolsProperty() {
        return withTools;
    }

    /** The tool calls of the last answer, in order: each can be opened to read its arguments and what the model was given. */
    public ObservableList<ChatStream.Step> steps() {
        return steps;
    }

    /** The actions the model proposed in the last answer and the user has not run. */
    public ObservableList<ChatStream.Proposal> proposals() {
        return proposals;
    }

    /** What the user should know about the last answer (its prompt was cut to the model's context), or empty. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** Stop: the stream closes (the server cancels the generation and hangs up on Ollama), and the cancel is also sent by id. */
    public void stop() {
        ChatStream open = stream;
        String generation = generationId;
        if (open != null) {
            open.stop();
        }
        if (generation != null) {
            tasks.run(() -> {
                api.get().cancel(generation);
                return true;
            }, ignored -> { }, failure -> { }); // already over: the closed stream ended it
        }
    }

    private void showFailure(Throwable failure) {
        failed.set(true);
        state.set(failure.getMessage());
    }

    /**
     * A link of an answer, clicked: opened when it is a web page or a mail address. A model's answer is not trusted,
     * so {@code file:}, {@code javascript:} and the like are not opened (the message says why).
     */
    public void openLink(String url) {
        String scheme;
        try {
            scheme = java.net.URI.create(url.strip()).getScheme();
        } catch (IllegalArgumentException notAUri) {
            scheme = null;
        }
        if (scheme != null && java.util.Set.of("http", "https", "mailto").contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
            dialogs.openLink(url.strip());
        } else {
            failed.set(true);
            state.set(String.format(text.getString("chat.linkRefused"), url));
        }
    }

    /** Stops a streaming answer when the view goes (language switch, sign-out, quit). */
    @Override
    public void close() {
        ChatStream open = stream;
        if (open != null) {
            open.stop();
        }
    }
}
