package com.nexusai.desktop.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import com.nexusai.core.api.ChatStream;
import com.nexusai.core.api.NexusClient;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import tools.jackson.databind.JsonNode;

/**
 * Ask the model about what you are looking at. Answers stream from the server's {@code /api/ai/chat}
 * token by token, drawn at most once per frame by an animation timer that runs only while an answer streams
 * (tokens arriving between two frames are drawn together),
 * with the live rate, a visible wait for the first token, and Stop, which ends the generation upstream.
 * Conversations can be resumed, renamed and deleted; context (an alert, metrics, log lines, an incident's
 * diagnostics) is attached visibly, and the exact text sent is shown before sending.
 */
public final class ChatView extends BorderPane {

    private final ResourceBundle text;
    private final java.util.function.Supplier<NexusClient> clients;
    private final TaskExecutor background;
    private final ListView<JsonNode> conversations = new ListView<>();
    private final ChoiceBox<String> model = new ChoiceBox<>();
    private final Label modelState = new Label();
    private final VBox transcript = new VBox(12);
    private final ScrollPane transcriptScroll = new ScrollPane(transcript);
    private final TextArea question = new TextArea();
    private final FlowPane attached = new FlowPane(6, 6);
    private final TextArea preview = new TextArea();
    private final Button send = new Button();
    private final Button stop = new Button();
    private final Label state = new Label();
    private final List<Attachment> attachments = new ArrayList<>();

    private String conversationId;
    private volatile ChatStream streaming;
    private volatile String generationId;
    private volatile String pendingTitle;
    // the answer being streamed: tokens gathered off the FX thread, drawn once per frame
    private final StringBuilder pending = new StringBuilder();
    /** Runs while an answer streams: draws what arrived, once per frame (JavaFX pulse), however fast tokens come. */
    private final javafx.animation.AnimationTimer frames = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long now) {
            flush();
        }
    };
    private StringBuilder answer;
    private Text answerText;
    private long firstTokenNanos;
    private int tokens;
    private int redraws;

    /** {@code clients}: the instance to ask, read at each call (the one selected on the dashboard). */
    public ChatView(ResourceBundle text, java.util.function.Supplier<NexusClient> clients, TaskExecutor background, List<ContextSource> sources) {
        this.text = text;
        this.clients = clients;
        this.background = background;
        setId("chat");

        conversations.setId("conversations");
        conversations.setPlaceholder(new Label(text.getString("chat.noConversations")));
        conversations.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(JsonNode item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.path("title").asString());
            }
        });
        conversations.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) -> {
            if (selected != null && !selected.path("id").asString().equals(conversationId)) {
                open(selected.path("id").asString());
            }
        });
        Button fresh = new Button(text.getString("chat.new"));
        fresh.setOnAction(event -> newConversation());
        Button rename = new Button(text.getString("chat.rename"));
        rename.setOnAction(event -> rename());
        Button delete = new Button(text.getString("chat.delete"));
        delete.setOnAction(event -> delete());
        rename.disableProperty().bind(conversations.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(conversations.getSelectionModel().selectedItemProperty().isNull());
        HBox listActions = new HBox(6, fresh, rename, delete);
        VBox left = new VBox(8, new Label(text.getString("chat.conversations")), conversations, listActions);
        VBox.setVgrow(conversations, Priority.ALWAYS);
        left.setPadding(new Insets(12));
        left.setMinWidth(220);

        model.setId("model");
        model.setMinWidth(160);
        modelState.setWrapText(true);
        modelState.setId("model-state");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        state.setId("chat-state");
        Label modelLabel = new Label(text.getString("chat.model"));
        modelLabel.setMinWidth(Region.USE_PREF_SIZE);
        modelState.setMaxWidth(460);
        state.setWrapText(true);
        state.setMaxWidth(460);
        HBox top = new HBox(10, modelLabel, model, modelState, spacer, state);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(12, 12, 0, 12));

        transcript.setId("transcript");
        transcript.setPadding(new Insets(12));
        transcriptScroll.setFitToWidth(true);
        transcript.heightProperty().addListener((observable, before, after) -> transcriptScroll.setVvalue(1));

        MenuButton attach = new MenuButton(text.getString("chat.attach"));
        attach.setId("attach");
        for (ContextSource source : sources) {
            MenuItem item = new MenuItem(source.name());
            item.setOnAction(event -> background.run(source::fetch, this::attach,
                    failure -> state.setText(text.getString("chat.attachFailed") + " " + failure.getMessage())));
            attach.getItems().add(item);
        }
        attached.setId("attachments");
        preview.setId("preview");
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.setPrefRowCount(8);
        TitledPane sent = new TitledPane(text.getString("chat.preview"), preview);
        sent.setExpanded(false);
        question.setId("question");
        question.setPromptText(text.getString("chat.prompt"));
        question.setPrefRowCount(3);
        question.setWrapText(true);
        question.textProperty().addListener((observable, before, after) -> updatePreview());
        question.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && event.isShortcutDown()) {
                event.consume();
                send();
            }
        });
        send.setId("send");
        send.setText(text.getString("chat.send"));
        send.getStyleClass().add(Styles.ACCENT);
        send.setOnAction(event -> send());
        stop.setId("stop");
        stop.setText(text.getString("chat.stop"));
        stop.getStyleClass().add(Styles.DANGER);
        stop.setDisable(true);
        stop.setOnAction(event -> stopAnswer());
        HBox buttons = new HBox(8, attach, send, stop);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox bottom = new VBox(8, attached, sent, question, buttons);
        bottom.setPadding(new Insets(0, 12, 12, 12));

        BorderPane conversation = new BorderPane(transcriptScroll);
        conversation.setTop(top);
        conversation.setBottom(bottom);
        SplitPane split = new SplitPane(left, conversation);
        split.setDividerPositions(0.22);
        setCenter(split);

        loadModels();
        loadConversations(null);
    }

    private NexusClient client() {
        return clients.get();
    }

    /** Frames drawn for the answers so far (tokens arriving between two frames share one); for the tests and the benchmark. */
    public int redraws() {
        return redraws;
    }

    private void loadModels() {
        background.run(() -> client().getJson("/api/ai/models"), models -> {
            List<String> names = new ArrayList<>();
            models.path("models").forEach(m -> names.add(m.path("name").asString()));
            String configured = models.path("configuredModel").asString();
            if (!names.contains(configured) && !configured.isEmpty()) {
                names.addFirst(configured);
            }
            model.setItems(FXCollections.observableArrayList(names));
            model.setValue(configured.isEmpty() && !names.isEmpty() ? names.getFirst() : configured);
            modelState.getStyleClass().remove(Styles.DANGER);
            modelState.setText(models.path("configuredModelInstalled").asBoolean(true) ? ""
                    : String.format(text.getString("chat.modelMissing"), configured, configured));
            if (!modelState.getText().isEmpty()) {
                modelState.getStyleClass().add(Styles.DANGER);
            }
        }, failure -> {
            modelState.getStyleClass().add(Styles.DANGER);
            modelState.setText(failure.getMessage());
        });
    }

    private void loadConversations(String select) {
        background.run(() -> client().getJson("/api/ai/conversations?size=100"), page -> {
            List<JsonNode> items = new ArrayList<>();
            page.path("items").forEach(items::add);
            conversations.getItems().setAll(items);
            if (select != null) {
                items.stream().filter(c -> c.path("id").asString().equals(select)).findFirst()
                        .ifPresent(conversations.getSelectionModel()::select);
            }
        }, failure -> state.setText(failure.getMessage()));
    }

    private void newConversation() {
        conversationId = null;
        conversations.getSelectionModel().clearSelection();
        transcript.getChildren().clear();
        state.setText("");
    }

    private void open(String id) {
        conversationId = id;
        background.run(() -> client().getJson("/api/ai/conversations/" + id), conversation -> {
            transcript.getChildren().clear();
            conversation.path("messages").forEach(message -> {
                boolean mine = message.path("role").asString().equals("user");
                String content = message.path("content").asString();
                transcript.getChildren().add(mine ? userBubble(content) : answerBubble(Markdown.render(content, text.getString("chat.copy")),
                        message.path("status").asString()));
            });
        }, failure -> state.setText(failure.getMessage()));
    }

    private void rename() {
        JsonNode selected = conversations.getSelectionModel().getSelectedItem();
        TextInputDialog ask = new TextInputDialog(selected.path("title").asString());
        ask.initOwner(getScene().getWindow());
        ask.setHeaderText(text.getString("chat.renameTitle"));
        ask.showAndWait().map(String::strip).filter(title -> !title.isEmpty()).ifPresent(title -> {
            String id = selected.path("id").asString();
            background.run(() -> client().patchJson("/api/ai/conversations/" + id, java.util.Map.of("title", title)),
                    renamed -> loadConversations(id), failure -> state.setText(failure.getMessage()));
        });
    }

    private void delete() {
        JsonNode selected = conversations.getSelectionModel().getSelectedItem();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, String.format(text.getString("chat.deleteConfirm"), selected.path("title").asString()),
                ButtonType.YES, ButtonType.NO);
        confirm.initOwner(getScene().getWindow());
        confirm.setHeaderText(null);
        if (confirm.showAndWait().orElse(ButtonType.NO) == ButtonType.YES) {
            String id = selected.path("id").asString();
            background.run(() -> {
                client().delete("/api/ai/conversations/" + id);
                return id;
            }, deleted -> {
                if (deleted.equals(conversationId)) {
                    newConversation();
                }
                loadConversations(null);
            }, failure -> state.setText(failure.getMessage()));
        }
    }

    private void attach(Attachment attachment) {
        attachments.add(attachment);
        Button remove = new Button("✕");
        remove.getStyleClass().addAll(Styles.FLAT, "small");
        Label chip = new Label(attachment.title(), remove);
        chip.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        chip.getStyleClass().add("attachment");
        remove.setOnAction(event -> {
            attachments.remove(attachment);
            attached.getChildren().remove(chip);
            updatePreview();
        });
        attached.getChildren().add(chip);
        updatePreview();
    }

    /** Exactly what {@link #send} sends: the attached context, then the question. */
    String message() {
        if (attachments.isEmpty()) {
            return question.getText().strip();
        }
        StringBuilder message = new StringBuilder(text.getString("chat.contextHeader")).append("\n\n");
        for (Attachment attachment : attachments) {
            message.append("### ").append(attachment.title()).append("\n```\n").append(attachment.content().strip()).append("\n```\n\n");
        }
        return message.append(text.getString("chat.questionHeader")).append(' ').append(question.getText().strip()).toString();
    }

    private void updatePreview() {
        preview.setText(message());
    }

    private void send() {
        if (question.getText().isBlank() || streaming != null) {
            return;
        }
        String message = message();
        String chosenModel = model.getValue();
        // a new conversation with context attached is titled by its question, not by the context's header
        String title = conversationId == null && !attachments.isEmpty() ? question.getText().strip() : null;
        transcript.getChildren().add(userBubble(message));
        question.clear();
        attachments.clear();
        attached.getChildren().clear();
        updatePreview();
        answer = new StringBuilder();
        answerText = new Text();
        answerText.getStyleClass().add("answer-text");
        javafx.scene.text.TextFlow flow = new javafx.scene.text.TextFlow(answerText);
        VBox bubble = answerBubble(flow, "streaming");
        transcript.getChildren().add(bubble);
        tokens = 0;
        firstTokenNanos = 0;
        state.setText(text.getString("chat.waiting"));
        frames.start();
        send.setDisable(true);
        stop.setDisable(false);
        String resumed = conversationId;
        background.run(() -> {
            ChatStream stream = client().chat(message, resumed, chosenModel);
            streaming = stream;
            stream.read(new ChatStream.Listener() {
                @Override
                public void started(String generation, String conversation, String usedModel) {
                    generationId = generation;
                    Platform.runLater(() -> conversationId = conversation);
                    if (title != null) {
                        pendingTitle = title.length() > 200 ? title.substring(0, 200) : title;
                    }
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
                }

                @Override
                public void done(JsonNode stats) {
                    Platform.runLater(() -> finish(bubble, stats.path("tokens_per_second").isMissingNode() ? null
                            : String.format(java.util.Locale.ROOT, text.getString("chat.done"), stats.path("eval_count").asInt(tokens),
                                    stats.path("tokens_per_second").asDouble()), "complete"));
                }

                @Override
                public void cancelled(String reason) {
                    Platform.runLater(() -> finish(bubble, text.getString("chat.stopped"), "cancelled"));
                }

                @Override
                public void failed(int status, String detail, String fix) {
                    Platform.runLater(() -> finish(bubble, detail + (fix.isBlank() ? "" : " — " + fix), "failed"));
                }
            });
            return true;
        }, ignored -> { }, failure -> {
            // refused before streaming: Ollama down, model missing (the message carries the fix), bad input
            transcript.getChildren().remove(bubble);
            finish(null, failure.getMessage(), "failed");
        });
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
        answer.append(arrived);
        answerText.setText(answer.toString());
        double seconds = (System.nanoTime() - first) / 1e9;
        state.setText(count > 1 && seconds > 0
                ? String.format(java.util.Locale.ROOT, text.getString("chat.rate"), (count - 1) / seconds) : text.getString("chat.receiving"));
    }

    private void finish(VBox bubble, String outcome, String status) {
        flush();
        frames.stop();
        streaming = null;
        generationId = null;
        send.setDisable(false);
        stop.setDisable(true);
        state.setText(outcome == null ? "" : outcome);
        if (status.equals("failed")) {
            state.getStyleClass().add(Styles.DANGER);
        } else {
            state.getStyleClass().remove(Styles.DANGER);
        }
        if (bubble != null && answer != null) {
            // the finished answer, drawn as Markdown
            bubble.getChildren().set(1, Markdown.render(answer.toString(), text.getString("chat.copy")));
            ((Label) bubble.getChildren().getFirst()).setText(text.getString("chat.assistant") + (status.equals("complete") ? "" : " (" + status + ")"));
        }
        answer = null;
        String title = pendingTitle;
        pendingTitle = null;
        String id = conversationId;
        if (title != null && id != null && status.equals("complete")) {
            // the server stored the exchange before it said "done"; the title follows
            background.run(() -> client().patchJson("/api/ai/conversations/" + id, java.util.Map.of("title", title)),
                    renamed -> loadConversations(id), failure -> loadConversations(id));
        } else {
            loadConversations(id);
        }
    }

    /** Stop: the stream closes (the server cancels the generation and hangs up on Ollama), and the cancel is also sent by id. */
    private void stopAnswer() {
        ChatStream stream = streaming;
        String generation = generationId;
        if (stream != null) {
            stream.stop();
        }
        if (generation != null) {
            background.run(() -> {
                client().delete("/api/ai/generations/" + generation);
                return true;
            }, ignored -> { }, failure -> { }); // already over: the closed stream ended it
        }
    }

    private VBox userBubble(String content) {
        Label who = new Label(text.getString("chat.you"));
        who.getStyleClass().add(Styles.TEXT_MUTED);
        Label body = new Label(content);
        body.setWrapText(true);
        VBox bubble = new VBox(4, who, body);
        bubble.getStyleClass().addAll("bubble", "user");
        bubble.setPadding(new Insets(8));
        return bubble;
    }

    private VBox answerBubble(javafx.scene.Node content, String status) {
        Label who = new Label(text.getString("chat.assistant") + (status.equals("complete") || status.equals("streaming") ? "" : " (" + status + ")"));
        who.getStyleClass().add(Styles.TEXT_MUTED);
        VBox bubble = new VBox(4, who, content);
        bubble.getStyleClass().addAll("bubble", "assistant");
        bubble.setPadding(new Insets(8));
        return bubble;
    }

    /** Stops a streaming answer when the view goes (language switch, sign-out, quit). */
    public void close() {
        ChatStream stream = streaming;
        if (stream != null) {
            stream.stop();
        }
        frames.stop();
    }
}
