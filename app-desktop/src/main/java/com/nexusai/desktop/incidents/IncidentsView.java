package com.nexusai.desktop.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import atlantafx.base.theme.Styles;
import com.nexusai.core.api.NexusClient;
import com.nexusai.desktop.Background;
import com.nexusai.desktop.Tables;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import tools.jackson.databind.JsonNode;

/**
 * The escalation workflow of the guide's §6.3 for support staff: the incidents, and for one its timeline,
 * the checklist of each level reached, who can be reached now, its diagnostics snapshots, and the actions
 * (acknowledge, note, escalate, resolve). The server decides who may do what; a refusal shows its reason.
 */
public final class IncidentsView extends BorderPane {

    private final ResourceBundle text;
    private final Supplier<NexusClient> clients;
    private final Background background;
    private final boolean french;
    private final TableView<JsonNode> incidents = new TableView<>();
    private final ChoiceBox<String> status = new ChoiceBox<>(FXCollections.observableArrayList("active", "open",
            "acknowledged", "escalated", "resolved", "all"));
    private final VBox detail = new VBox(12);
    private final Label message = new Label();
    private String shown;

    public IncidentsView(ResourceBundle text, Supplier<NexusClient> clients, Background background) {
        this.text = text;
        this.clients = clients;
        this.background = background;
        this.french = text.getLocale().getLanguage().equals("fr");
        setId("incidents-view");

        incidents.setId("incidents");
        incidents.getColumns().setAll(List.of(Tables.column(text.getString("incidents.title"), i -> i.path("title").asString()),
                Tables.column(text.getString("incidents.severity"), i -> i.path("severity").asString()),
                Tables.column(text.getString("incidents.level"), i -> String.valueOf(i.path("level").asInt())),
                Tables.column(text.getString("incidents.status"), i -> i.path("status").asString()),
                Tables.column(text.getString("incidents.opened"), i -> Tables.time(i.path("openedAt").asString()))));
        incidents.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        incidents.setPlaceholder(new Label(text.getString("incidents.none")));
        incidents.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) -> {
            // a refreshed list selects the shown incident again: that is not a new choice, and not a second redraw
            if (selected != null && !selected.path("id").asString().equals(shown)) {
                show(selected.path("id").asString());
            }
        });
        status.setValue("active"); // not resolved: open, acknowledged or escalated
        status.setOnAction(event -> refresh());
        Button reload = new Button(text.getString("incidents.refresh"));
        reload.setOnAction(event -> refresh());
        Button open = new Button(text.getString("incidents.open"));
        open.setOnAction(event -> openIncident());
        HBox filters = new HBox(8, new Label(text.getString("incidents.status")), status, reload, open);
        filters.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(8, filters, incidents);
        VBox.setVgrow(incidents, Priority.ALWAYS);
        left.setPadding(new Insets(12));

        detail.setPadding(new Insets(12));
        detail.getChildren().setAll(new Label(text.getString("incidents.choose")));
        ScrollPane right = new ScrollPane(detail);
        right.setFitToWidth(true);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.45);
        setCenter(split);
        message.setId("incident-message");
        message.setWrapText(true);
        message.setPadding(new Insets(0, 12, 8, 12));
        setBottom(message);
        refresh();
    }

    private NexusClient client() {
        return clients.get();
    }

    public void refresh() {
        String chosen = status.getValue();
        String filter = chosen.equals("all") || chosen.equals("active") ? "?limit=500" : "?status=" + chosen;
        background.run(() -> client().getJson("/api/incidents" + filter), list -> {
            List<JsonNode> items = new ArrayList<>();
            list.forEach(item -> {
                if (!chosen.equals("active") || !item.path("status").asString().equals("resolved")) {
                    items.add(item);
                }
            });
            String selected = shown;
            incidents.getItems().setAll(items);
            if (selected != null) {
                items.stream().filter(i -> i.path("id").asString().equals(selected)).findFirst().ifPresent(incidents.getSelectionModel()::select);
            }
        }, this::refused);
    }

    private void show(String id) {
        shown = id;
        background.run(() -> client().getJson("/api/incidents/" + id), this::draw, this::refused);
    }

    private void draw(JsonNode details) {
        JsonNode incident = details.path("incident");
        String id = incident.path("id").asString();
        Label title = new Label(incident.path("title").asString());
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        Label facts = new Label(String.format(text.getString("incidents.facts"), incident.path("severity").asString(),
                incident.path("kind").asString(), incident.path("status").asString(), incident.path("level").asInt(),
                Tables.time(incident.path("openedAt").asString()), incident.path("openedBy").asString(), incident.path("source").asString()));
        facts.setWrapText(true);
        facts.setId("incident-facts");

        Button acknowledge = action("incidents.acknowledge", () -> client().postJson("/api/incidents/" + id + "/acknowledge", Map.of()));
        acknowledge.setId("acknowledge");
        acknowledge.setDisable(!incident.path("acknowledgedAt").isNull() || incident.path("status").asString().equals("resolved"));
        Button note = new Button(text.getString("incidents.note"));
        note.setOnAction(event -> ask("incidents.note", false).ifPresent(textValue ->
                run(() -> client().postJson("/api/incidents/" + id + "/notes", Map.of("text", textValue)))));
        Button escalate = new Button(text.getString("incidents.escalate"));
        escalate.setId("escalate");
        escalate.setDisable(incident.path("level").asInt() >= 3 || incident.path("status").asString().equals("resolved"));
        escalate.setOnAction(event -> ask("incidents.escalateWhy", true).ifPresent(why ->
                run(() -> client().postJson("/api/incidents/" + id + "/escalate", Map.of("text", why)))));
        Button resolve = new Button(text.getString("incidents.resolve"));
        resolve.setDisable(incident.path("status").asString().equals("resolved"));
        resolve.setOnAction(event -> ask("incidents.resolution", true).ifPresent(how ->
                run(() -> client().postJson("/api/incidents/" + id + "/resolve", Map.of("text", how)))));
        Button snapshot = action("incidents.takeSnapshot", () -> client().postJson("/api/incidents/" + id + "/snapshots", Map.of()));
        HBox actions = new HBox(8, acknowledge, note, escalate, resolve, snapshot);

        Label reach = new Label(details.path("reachability").asString());
        reach.setWrapText(true);
        reach.setId("reachability");
        VBox contacts = new VBox(4);
        details.path("reachableNow").forEach(contact -> contacts.getChildren().add(new Label("• " + contact.path("role").asString() + " <"
                + contact.path("email").asString() + "> " + contact.path("days").asString() + " " + contact.path("startTime").asString() + "-"
                + contact.path("endTime").asString())));

        VBox checklist = new VBox(4);
        checklist.setId("checklist");
        int currentLevel = -1;
        for (JsonNode item : details.path("checklist")) {
            int level = item.path("level").asInt();
            if (level != currentLevel) {
                Label heading = new Label(String.format(text.getString("incidents.checklistLevel"), level));
                heading.getStyleClass().add(Styles.TEXT_BOLD);
                checklist.getChildren().add(heading);
                currentLevel = level;
            }
            CheckBox box = new CheckBox(item.path(french ? "fr" : "en").asString());
            box.setWrapText(true);
            box.setSelected(item.path("checked").asBoolean());
            box.setDisable(item.path("checked").asBoolean());
            if (item.path("checked").asBoolean()) {
                box.setText(box.getText() + "  (" + item.path("checkedBy").asString() + ", " + Tables.time(item.path("checkedAt").asString()) + ")");
            }
            int index = item.path("index").asInt();
            box.setOnAction(event -> run(() -> client().postJson("/api/incidents/" + id + "/checklist/" + level + "/" + index, Map.of())));
            checklist.getChildren().add(box);
        }

        ListView<String> timeline = new ListView<>();
        timeline.setId("timeline");
        details.path("timeline").forEach(entry -> timeline.getItems().add(Tables.time(entry.path("at").asString()) + "  " + entry.path("actor").asString()
                + "  " + entry.path("action").asString() + (entry.path("detail").asString("").isBlank() ? "" : ": " + entry.path("detail").asString())));
        timeline.setPrefHeight(200);

        VBox snapshots = new VBox(4);
        details.path("snapshots").forEach(s -> {
            Button view = new Button(text.getString("incidents.viewSnapshot"));
            String snapshotId = s.path("id").asString();
            view.setOnAction(event -> background.run(() -> client().getJson("/api/incidents/" + id + "/snapshots/" + snapshotId),
                    this::showSnapshot, this::refused));
            HBox row = new HBox(8, new Label(Tables.time(s.path("takenAt").asString()) + "  " + s.path("takenBy").asString()), view);
            row.setAlignment(Pos.CENTER_LEFT);
            snapshots.getChildren().add(row);
        });
        if (snapshots.getChildren().isEmpty()) {
            snapshots.getChildren().add(new Label(text.getString("incidents.noSnapshot")));
        }

        detail.getChildren().setAll(title, facts, actions, section("incidents.reachable", reach, contacts), section("incidents.checklist", checklist),
                section("incidents.timeline", timeline), section("incidents.snapshots", snapshots));
    }

    private Node section(String key, Node... content) {
        Label heading = new Label(text.getString(key));
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox section = new VBox(6, heading);
        section.getChildren().addAll(content);
        return section;
    }

    private void showSnapshot(JsonNode snapshot) {
        TextArea json = new TextArea(snapshot.toPrettyString());
        json.setEditable(false);
        json.setPrefSize(900, 600);
        json.getStyleClass().add("code");
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle(text.getString("incidents.snapshots"));
        dialog.getDialogPane().setContent(json);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.show();
    }

    private java.util.Optional<String> ask(String key, boolean optional) {
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(getScene().getWindow());
        ask.setHeaderText(text.getString(key));
        return ask.showAndWait().map(String::strip).filter(answer -> optional || !answer.isEmpty());
    }

    private void openIncident() {
        TextField title = new TextField();
        title.setId("new-incident-title");
        ChoiceBox<String> severity = new ChoiceBox<>(FXCollections.observableArrayList("info", "warning", "critical"));
        severity.setValue("warning");
        ChoiceBox<String> kind = new ChoiceBox<>(FXCollections.observableArrayList("application", "database", "security", "infrastructure"));
        kind.setValue("application");
        GridPane form = new GridPane(12, 12);
        form.addRow(0, new Label(text.getString("incidents.title")), title);
        form.addRow(1, new Label(text.getString("incidents.severity")), severity);
        form.addRow(2, new Label(text.getString("incidents.kind")), kind);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle(text.getString("incidents.open"));
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(title.textProperty().map(String::isBlank));
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
            Map<String, Object> request = Map.of("title", title.getText().strip(), "severity", severity.getValue(), "kind", kind.getValue());
            background.run(() -> client().postJson("/api/incidents", request), opened -> {
                shown = opened.path("id").asString();
                status.setValue("active");
                refresh();
                show(shown);
            }, this::refused);
        }
    }

    private Button action(String key, Call call) {
        Button button = new Button(text.getString(key));
        button.setOnAction(event -> run(call));
        return button;
    }

    private interface Call {
        Object call() throws Exception;
    }

    /** An action, then the list and the incident read again; a refusal (role, state) shows the server's reason. */
    private void run(Call call) {
        message.setText("");
        background.run(call::call, done -> {
            refresh();
            if (shown != null) {
                show(shown);
            }
        }, this::refused);
    }

    private void refused(Throwable failure) {
        message.getStyleClass().add(Styles.DANGER);
        message.setText(failure.getMessage());
    }
}
