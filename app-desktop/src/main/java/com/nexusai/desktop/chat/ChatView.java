package com.nexusai.desktop.chat;

import java.util.List;
import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import com.nexusai.core.api.ChatStream;
import com.nexusai.core.chat.Conversation;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Ask the model about what you are looking at: conversations on the left, the transcript with the answer streaming
 * into it, context attached visibly and the exact text sent shown before sending. Built from and bound to its
 * {@link ChatViewModel}; a finished answer is drawn as Markdown.
 */
public final class ChatView extends BorderPane {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    /** A step's status, as the pseudo-class its row is drawn with. */
    private static final List<String> STEP_STATES = List.of("ok", "refused", "failed", "unknown", "proposed");

    private final ResourceBundle text;
    private final ChatViewModel model;
    private final VBox transcript = new VBox(12);

    public ChatView(ResourceBundle text, ChatViewModel model, List<ContextSource> sources) {
        this.text = text;
        this.model = model;
        setId("chat");

        ListView<Conversation.Summary> conversations = new ListView<>(model.conversations());
        conversations.setId("conversations");
        conversations.setPlaceholder(new Label(text.getString("chat.noConversations")));
        conversations.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Conversation.Summary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
            }
        });
        conversations.getSelectionModel().selectedItemProperty().addListener((observable, before, chosen) -> {
            if (chosen != null) {
                model.selectedConversationProperty().set(chosen);
            }
        });
        model.selectedConversationProperty().addListener((observable, before, chosen) -> {
            if (chosen == null) {
                conversations.getSelectionModel().clearSelection();
            } else if (chosen != conversations.getSelectionModel().getSelectedItem()) {
                conversations.getSelectionModel().select(chosen);
            }
        });
        Button fresh = button("chat.new", model::newConversation);
        Button rename = button("chat.rename", model::renameChosen);
        Button delete = button("chat.delete", model::deleteChosen);
        rename.disableProperty().bind(model.selectedConversationProperty().isNull());
        delete.disableProperty().bind(model.selectedConversationProperty().isNull());
        // the buttons keep their whole label (French ones are longer) and go to a second row when the pane is narrow
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(6, 6, fresh, rename, delete);
        VBox left = new VBox(8, new Label(text.getString("chat.conversations")), conversations, actions);
        VBox.setVgrow(conversations, Priority.ALWAYS);
        left.setPadding(new Insets(12));
        left.setMinWidth(220);

        ChoiceBox<String> chosenModel = new ChoiceBox<>(model.models());
        chosenModel.setId("model");
        chosenModel.setMinWidth(160);
        chosenModel.valueProperty().bindBidirectional(model.modelProperty());
        Label modelState = new Label();
        modelState.setWrapText(true);
        modelState.setId("model-state");
        modelState.setMaxWidth(460);
        modelState.getStyleClass().add("message");
        modelState.textProperty().bind(model.modelStateProperty());
        model.modelProblemProperty().addListener((observable, was, is) -> modelState.pseudoClassStateChanged(FAILED, is));
        Label state = new Label();
        state.setId("chat-state");
        state.setWrapText(true);
        state.setMaxWidth(460);
        state.getStyleClass().add("message");
        state.textProperty().bind(model.stateProperty());
        model.failedProperty().addListener((observable, was, is) -> state.pseudoClassStateChanged(FAILED, is));
        Label modelLabel = new Label(text.getString("chat.model"));
        modelLabel.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        CheckBox tools = new CheckBox(text.getString("chat.tools"));
        tools.setId("chat-tools");
        tools.setMinWidth(Region.USE_PREF_SIZE);
        tools.setTooltip(new Tooltip(text.getString("chat.tools.tip")));
        tools.selectedProperty().bindBidirectional(model.withToolsProperty());
        HBox top = new HBox(10, modelLabel, chosenModel, tools, modelState, spacer, state);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(12, 12, 0, 12));

        transcript.setId("transcript");
        transcript.setPadding(new Insets(12));
        ScrollPane transcriptScroll = new ScrollPane(transcript);
        transcriptScroll.setFitToWidth(true);
        transcript.heightProperty().addListener((observable, before, after) -> transcriptScroll.setVvalue(1));
        model.transcript().addListener((ListChangeListener<ChatViewModel.Entry>) change -> drawTranscript());

        MenuButton attach = new MenuButton(text.getString("chat.attach"));
        attach.setId("attach");
        for (ContextSource source : sources) {
            MenuItem item = new MenuItem(source.name());
            item.setOnAction(event -> model.attach(source));
            attach.getItems().add(item);
        }
        FlowPane attached = new FlowPane(6, 6);
        attached.setId("attachments");
        model.attachments().addListener((ListChangeListener<Attachment>) change -> attached.getChildren().setAll(model.attachments().stream()
                .map(this::chip).toList()));
        TextArea preview = new TextArea();
        preview.setId("preview");
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.setPrefRowCount(8);
        preview.textProperty().bind(model.preview());
        TitledPane sent = new TitledPane(text.getString("chat.preview"), preview);
        sent.setExpanded(false);
        TextArea question = new TextArea();
        question.setId("question");
        question.setPromptText(text.getString("chat.prompt"));
        question.setPrefRowCount(3);
        question.setWrapText(true);
        question.textProperty().bindBidirectional(model.questionProperty());
        question.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && event.isShortcutDown()) {
                event.consume();
                model.send();
            }
        });
        Button send = button("chat.send", model::send);
        send.setId("send");
        send.getStyleClass().add(Styles.ACCENT);
        send.disableProperty().bind(model.streamingProperty());
        Button stop = button("chat.stop", model::stop);
        stop.setId("stop");
        stop.getStyleClass().add(Styles.DANGER);
        stop.disableProperty().bind(model.streamingProperty().not());
        HBox buttons = new HBox(8, attach, send, stop);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox bottom = new VBox(8, attached, sent, question, buttons);
        bottom.setPadding(new Insets(0, 12, 12, 12));

        BorderPane conversation = new BorderPane(new VBox(transcriptScroll, steps(), proposals()));
        VBox.setVgrow(transcriptScroll, Priority.ALWAYS);
        conversation.setTop(top);
        conversation.setBottom(bottom);
        SplitPane split = new SplitPane(left, conversation);
        split.setDividerPositions(0.22);
        setCenter(split);

        model.loadModels();
        model.loadConversations(null);
    }

    /** The last answer's tool calls: each opens to its arguments and what the model was given; a warning above them. */
    private Node steps() {
        ListView<ChatStream.Step> list = new ListView<>(model.steps());
        list.setId("steps");
        list.setPrefHeight(110);
        list.setPlaceholder(new Label(text.getString("chat.noSteps")));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(ChatStream.Step step, boolean empty) {
                super.updateItem(step, empty);
                for (String status : STEP_STATES) {
                    pseudoClassStateChanged(PseudoClass.getPseudoClass(status), !empty && step != null && step.status().equals(status));
                }
                setText(empty || step == null ? null : step.round() + ". " + step.tool() + " — " + step.status() + " (" + step.millis() + " ms)");
            }
        });
        TextArea opened = new TextArea();
        opened.setId("step-detail");
        opened.setEditable(false);
        opened.setWrapText(true);
        opened.setPrefRowCount(5);
        opened.textProperty().bind(list.getSelectionModel().selectedItemProperty().map(step -> text.getString("chat.step.arguments") + " "
                + step.arguments() + "\n" + text.getString("chat.step.result") + (step.truncated() ? " " + text.getString("chat.step.truncated") : "")
                + "\n" + step.result()).orElse(""));
        Label warning = new Label();
        warning.setId("chat-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add("message");
        warning.pseudoClassStateChanged(FAILED, true);
        warning.textProperty().bind(model.warningProperty());
        warning.visibleProperty().bind(model.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        SplitPane parts = new SplitPane(list, opened);
        parts.setDividerPositions(0.45);
        TitledPane pane = new TitledPane(text.getString("chat.steps"), new VBox(6, warning, parts));
        pane.setId("steps-pane");
        pane.setExpanded(false);
        model.steps().addListener((ListChangeListener<ChatStream.Step>) change -> {
            if (!model.steps().isEmpty()) {
                pane.setExpanded(true);
            }
        });
        model.warningProperty().addListener((observable, was, is) -> {
            if (!is.isEmpty()) {
                pane.setExpanded(true);
            }
        });
        return pane;
    }

    /** The actions the model proposed: a button each, which asks the user and then runs it with their rights. */
    private Node proposals() {
        FlowPane proposed = new FlowPane(6, 6);
        proposed.setId("proposals");
        proposed.setPadding(new Insets(6, 12, 0, 12));
        model.proposals().addListener((ListChangeListener<ChatStream.Proposal>) change -> proposed.getChildren().setAll(model.proposals().stream()
                .map(proposal -> {
                    Button run = new Button(String.format(text.getString("chat.proposed"), proposal.action()));
                    run.getStyleClass().add(Styles.ACCENT);
                    run.setTooltip(new Tooltip(proposal.reason()));
                    run.setOnAction(event -> model.confirm(proposal));
                    return (Node) run;
                }).toList()));
        return proposed;
    }

    /** Frames drawn for the answers so far; for the tests and the benchmark. */
    public int redraws() {
        return model.redraws();
    }

    public ChatViewModel model() {
        return model;
    }

    private Button button(String key, Runnable action) {
        Button button = new Button(text.getString(key));
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        button.setOnAction(event -> action.run());
        return button;
    }

    private Label chip(Attachment attachment) {
        Button remove = new Button("✕");
        remove.getStyleClass().addAll(Styles.FLAT, "small");
        remove.setAccessibleText(text.getString("chat.detach") + " " + attachment.title());
        remove.setOnAction(event -> model.detach(attachment));
        Label chip = new Label(attachment.title(), remove);
        chip.setContentDisplay(ContentDisplay.RIGHT);
        chip.getStyleClass().add("attachment");
        return chip;
    }

    private void drawTranscript() {
        transcript.getChildren().setAll(model.transcript().stream().map(this::bubble).toList());
    }

    private Node bubble(ChatViewModel.Entry entry) {
        Label who = new Label();
        who.getStyleClass().add(Styles.TEXT_MUTED);
        VBox bubble = new VBox(4, who);
        bubble.setPadding(new Insets(8));
        if (entry.mine()) {
            who.setText(text.getString("chat.you"));
            Label body = new Label(entry.textProperty().get());
            body.setWrapText(true);
            bubble.getChildren().add(body);
            bubble.getStyleClass().addAll("bubble", "user");
            return bubble;
        }
        bubble.getStyleClass().addAll("bubble", "assistant");
        who.textProperty().bind(entry.statusProperty().map(status -> text.getString("chat.assistant")
                + (status == ChatViewModel.Status.COMPLETE || status == ChatViewModel.Status.STREAMING ? ""
                        : " (" + status.name().toLowerCase(java.util.Locale.ROOT) + ")")));
        if (entry.statusProperty().get() == ChatViewModel.Status.STREAMING) {
            Text answer = new Text();
            answer.getStyleClass().add("answer-text");
            answer.textProperty().bind(entry.textProperty());
            bubble.getChildren().add(new TextFlow(answer));
            // the finished answer, drawn as Markdown
            entry.statusProperty().addListener((observable, was, now) -> {
                if (now != ChatViewModel.Status.STREAMING) {
                    bubble.getChildren().set(1, Markdown.render(entry.textProperty().get(), text.getString("chat.copy"), model::openLink));
                }
            });
        } else {
            bubble.getChildren().add(Markdown.render(entry.textProperty().get(), text.getString("chat.copy"), model::openLink));
        }
        return bubble;
    }
}
