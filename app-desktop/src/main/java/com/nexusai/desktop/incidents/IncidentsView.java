package com.nexusai.desktop.incidents;

import java.time.Instant;
import java.util.List;
import java.util.ResourceBundle;

import atlantafx.base.theme.Styles;
import com.nexusai.core.incidents.Incident;
import com.nexusai.core.incidents.IncidentDetails;
import com.nexusai.core.api.Permission;
import com.nexusai.desktop.platform.RoleGuard;
import com.nexusai.desktop.platform.Shown;
import com.nexusai.desktop.platform.Tables;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The escalation workflow of the guide's §6.3 for support staff: the incidents, and for one its timeline, the
 * checklist of each level reached, who can be reached now, its diagnostics snapshots, and the actions (acknowledge,
 * note, escalate, resolve). Built from and bound to its {@link IncidentsViewModel}.
 */
public final class IncidentsView extends BorderPane {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ResourceBundle text;
    private final IncidentsViewModel model;
    private final boolean french;
    private final IncidentWords words;
    private final TableView<Incident> incidents = new TableView<>();
    private final VBox detail = new VBox(12);

    public IncidentsView(ResourceBundle text, IncidentsViewModel model) {
        this.text = text;
        this.model = model;
        this.french = text.getLocale().getLanguage().equals("fr");
        this.words = new IncidentWords(text);
        setId("incidents-view");

        incidents.setId("incidents");
        incidents.getColumns().setAll(List.of(Tables.column(text.getString("incidents.title"), Incident::title),
                Tables.column(text.getString("incidents.severity"), i -> words.severity(i.severity())),
                Tables.column(text.getString("incidents.level"), i -> String.valueOf(i.level())),
                Tables.column(text.getString("incidents.status"), i -> words.status(i.status().wire())),
                Tables.column(text.getString("incidents.opened"), i -> time(i.openedAt()))));
        incidents.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        incidents.setPlaceholder(new Label(text.getString("incidents.none")));
        incidents.setItems(model.incidents());
        incidents.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) -> {
            if (selected != null) {
                model.show(selected.id());
            }
        });
        // a refreshed list selects the shown incident again
        model.incidents().addListener((javafx.collections.ListChangeListener<Incident>) change -> model.incidents().stream()
                .filter(i -> i.id().equals(model.shownId())).findFirst().ifPresent(incidents.getSelectionModel()::select));
        ChoiceBox<IncidentsViewModel.Filter> status = new ChoiceBox<>(FXCollections.observableArrayList(IncidentsViewModel.Filter.values()));
        status.setConverter(Shown.as(words::filter));
        status.valueProperty().bindBidirectional(model.filterProperty());
        Button reload = new Button(text.getString("incidents.refresh"));
        reload.setOnAction(event -> model.refresh());
        Button open = new Button(text.getString("incidents.open"));
        open.setOnAction(event -> model.open());
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
        Label message = new Label();
        message.setId("incident-message");
        message.setWrapText(true);
        message.setPadding(new Insets(0, 12, 8, 12));
        message.getStyleClass().add("message");
        message.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((observable, was, is) -> message.pseudoClassStateChanged(FAILED, is));
        setBottom(message);
        model.shownProperty().addListener((observable, before, details) -> {
            if (details != null) {
                draw(details);
            }
        });
        model.refresh();
    }

    private void draw(IncidentDetails details) {
        Incident incident = details.incident();
        Label title = new Label(incident.title());
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        Label facts = new Label(String.format(text.getString("incidents.facts"), words.severity(incident.severity()), words.kind(incident.kind()),
                words.status(incident.status().wire()),
                incident.level(), time(incident.openedAt()), incident.openedBy(), incident.source()));
        facts.setWrapText(true);
        facts.setId("incident-facts");

        Button acknowledge = button("incidents.acknowledge", model::acknowledge);
        acknowledge.setId("acknowledge");
        acknowledge.disableProperty().bind(model.canAcknowledge().not());
        Button note = button("incidents.note", model::note);
        Button escalate = button("incidents.escalate", model::escalate);
        escalate.setId("escalate");
        escalate.disableProperty().bind(model.canEscalate().not());
        Button resolve = button("incidents.resolve", model::resolve);
        resolve.disableProperty().bind(model.canResolve().not());
        Button snapshot = button("incidents.takeSnapshot", model::takeSnapshot);
        // whole labels (French ones are longer), on a second row when the pane is narrow
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 8, acknowledge, note,
                RoleGuard.guard(escalate, model.grants(), Permission.ESCALATE_INCIDENTS, text),
                RoleGuard.guard(resolve, model.grants(), Permission.ESCALATE_INCIDENTS, text), snapshot);

        Label reach = new Label(details.reachability());
        reach.setWrapText(true);
        reach.setId("reachability");
        VBox contacts = new VBox(4);
        details.reachableNow().forEach(contact -> contacts.getChildren().add(new Label("• " + contact.role() + " <" + contact.email() + "> "
                + contact.days() + " " + contact.startTime() + "-" + contact.endTime())));

        VBox checklist = new VBox(4);
        checklist.setId("checklist");
        int currentLevel = -1;
        for (IncidentDetails.ChecklistItem item : details.checklist()) {
            if (item.level() != currentLevel) {
                Label heading = new Label(String.format(text.getString("incidents.checklistLevel"), item.level()));
                heading.getStyleClass().add(Styles.TEXT_BOLD);
                checklist.getChildren().add(heading);
                currentLevel = item.level();
            }
            CheckBox box = new CheckBox((french ? item.fr() : item.en()) + (item.checked() ? "  (" + item.checkedBy() + ", " + time(item.checkedAt()) + ")" : ""));
            box.setWrapText(true);
            box.setSelected(item.checked());
            box.setDisable(item.checked());
            box.setOnAction(event -> model.check(item));
            checklist.getChildren().add(box);
        }

        ListView<String> timeline = new ListView<>();
        timeline.setId("timeline");
        details.timeline().forEach(entry -> timeline.getItems().add(words.line(entry, details.checklist())));
        timeline.setPrefHeight(200);

        VBox snapshots = new VBox(4);
        details.snapshots().forEach(s -> {
            Button view = button("incidents.viewSnapshot", () -> model.viewSnapshot(s));
            HBox row = new HBox(8, new Label(time(s.takenAt()) + "  " + s.takenBy()), view);
            row.setAlignment(Pos.CENTER_LEFT);
            snapshots.getChildren().add(row);
        });
        if (snapshots.getChildren().isEmpty()) {
            snapshots.getChildren().add(new Label(text.getString("incidents.noSnapshot")));
        }

        detail.getChildren().setAll(title, facts, actions, section("incidents.reachable", reach, contacts), section("incidents.checklist", checklist),
                section("incidents.timeline", timeline), section("incidents.snapshots", snapshots));
    }

    private Button button(String key, Runnable action) {
        Button button = new Button(text.getString(key));
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        button.setOnAction(event -> action.run());
        return button;
    }

    private Node section(String key, Node... content) {
        Label heading = new Label(text.getString(key));
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox section = new VBox(6, heading);
        section.getChildren().addAll(content);
        return section;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : Tables.time(instant.toString());
    }
}
