package com.nexusai.desktop.incidents;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import com.nexusai.core.api.Grants;
import com.nexusai.core.api.Permission;
import com.nexusai.core.incidents.Incident;
import com.nexusai.core.incidents.IncidentDetails;
import com.nexusai.core.incidents.IncidentsApi;
import com.nexusai.core.incidents.NewIncident;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The escalation workflow of the guide's §6.3 without a control: the incidents of a filter, the one shown with its
 * details, what may be done to it now, and the actions (open, acknowledge, note, escalate, resolve, snapshot, tick a
 * checklist step). After an action the list and the incident are read again; a refusal shows the server's reason.
 */
public final class IncidentsViewModel {

    /** Which incidents the list shows; {@link #ACTIVE} is every one not resolved. */
    public enum Filter {
        ACTIVE, OPEN, ACKNOWLEDGED, ESCALATED, RESOLVED, ALL;

        Incident.Status status() {
            return this == ACTIVE || this == ALL ? null : Incident.Status.valueOf(name());
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the incidents tab asks or shows the user; dialogs in the console, scripted answers in tests. */
    public interface Dialogs {

        /** A line of text for {@code key}'s question; empty when cancelled, or when blank and not {@code optional}. */
        Optional<String> ask(String key, boolean optional);

        Optional<NewIncident> askNewIncident();

        void showSnapshot(String json);
    }

    private final Supplier<IncidentsApi> api;
    private final Grants grants;
    private final TaskExecutor tasks;
    private final Dialogs dialogs;
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ACTIVE);
    private final ObservableList<Incident> incidents = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<IncidentDetails> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canAcknowledge;
    private final BooleanBinding canEscalate;
    private final BooleanBinding canResolve;
    private String shownId;

    /**
     * @param api the selected instance's incidents, asked for each call (the instance may change)
     * @param grants what the signed-in role may do: escalating and resolving are DevOps' and above (§6.3)
     */
    public IncidentsViewModel(Supplier<IncidentsApi> api, Grants grants, TaskExecutor tasks, Dialogs dialogs) {
        this.api = api;
        this.grants = grants;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.canAcknowledge = Bindings.createBooleanBinding(() -> incident().map(i -> !i.acknowledged() && !i.resolved()).orElse(false), shown);
        boolean mayEscalate = grants.allow(Permission.ESCALATE_INCIDENTS);
        this.canEscalate = Bindings.createBooleanBinding(() -> mayEscalate
                && incident().map(i -> i.level() < Incident.TOP_LEVEL && !i.resolved()).orElse(false), shown);
        this.canResolve = Bindings.createBooleanBinding(() -> mayEscalate && incident().map(i -> !i.resolved()).orElse(false), shown);
        filter.addListener((observable, before, now) -> refresh());
    }

    private Optional<Incident> incident() {
        return Optional.ofNullable(shown.get()).map(IncidentDetails::incident);
    }

    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }

    public ObservableList<Incident> incidents() {
        return incidents;
    }

    /** The incident shown on the right, with its details; null until one is chosen. */
    public ReadOnlyObjectProperty<IncidentDetails> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The id of the incident shown or being read. */
    public String shownId() {
        return shownId;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while the message is a refusal or a failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public Grants grants() {
        return grants;
    }

    public BooleanBinding canAcknowledge() {
        return canAcknowledge;
    }

    public BooleanBinding canEscalate() {
        return canEscalate;
    }

    public BooleanBinding canResolve() {
        return canResolve;
    }

    /** Reads the list of the filter again. */
    public void refresh() {
        Filter chosen = filter.get();
        tasks.run(() -> api.get().list(chosen.status()), list -> {
            List<Incident> kept = chosen == Filter.ACTIVE ? list.stream().filter(incident -> !incident.resolved()).toList() : list;
            incidents.setAll(kept);
        }, this::refused);
    }

    /** Shows {@code id}'s details (nothing is read again when it is already the one shown). */
    public void show(String id) {
        if (id == null || id.equals(shownId) && shown.get() != null) {
            return;
        }
        shownId = id;
        readShown();
    }

    private void readShown() {
        String id = shownId;
        tasks.run(() -> api.get().details(id), details -> {
            if (id.equals(shownId)) {
                shown.set(details);
            }
        }, this::refused);
    }

    public void open() {
        dialogs.askNewIncident().ifPresent(request -> tasks.run(() -> api.get().open(request), opened -> {
            shownId = opened.id();
            shown.set(null);
            if (filter.get() != Filter.ACTIVE) {
                filter.set(Filter.ACTIVE); // refreshes
            } else {
                refresh();
            }
            readShown();
        }, this::refused));
    }

    public void acknowledge() {
        act(id -> api.get().acknowledge(id));
    }

    public void note() {
        dialogs.ask("incidents.note", false).ifPresent(text -> act(id -> api.get().note(id, text)));
    }

    public void escalate() {
        if (!grants.allow(Permission.ESCALATE_INCIDENTS)) {
            return;
        }
        dialogs.ask("incidents.escalateWhy", true).ifPresent(why -> act(id -> api.get().escalate(id, why)));
    }

    public void resolve() {
        if (!grants.allow(Permission.ESCALATE_INCIDENTS)) {
            return;
        }
        dialogs.ask("incidents.resolution", true).ifPresent(how -> act(id -> api.get().resolve(id, how)));
    }

    public void takeSnapshot() {
        act(id -> api.get().takeSnapshot(id));
    }

    public void check(IncidentDetails.ChecklistItem item) {
        act(id -> api.get().check(id, item.level(), item.index()));
    }

    public void viewSnapshot(IncidentDetails.Snapshot snapshot) {
        String id = shownId;
        tasks.run(() -> api.get().snapshot(id, snapshot.id()), dialogs::showSnapshot, this::refused);
    }

    private interface Action {
        void on(String id) throws Exception;
    }

    /** An action on the incident shown, then the list and the incident read again. */
    private void act(Action action) {
        String id = shownId;
        if (id == null) {
            return;
        }
        message.set("");
        failed.set(false);
        tasks.run(() -> {
            action.on(id);
            return id;
        }, done -> {
            refresh();
            readShown();
        }, this::refused);
    }

    private void refused(Throwable failure) {
        failed.set(true);
        message.set(failure.getMessage());
    }
}
