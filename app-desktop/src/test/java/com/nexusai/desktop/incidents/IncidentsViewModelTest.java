package com.nexusai.desktop.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import com.nexusai.core.api.Grants;
import com.nexusai.core.incidents.Incident;
import com.nexusai.core.incidents.NewIncident;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** Support's escalation workflow (§6.3) against incidents kept in memory, on the current thread. */
class IncidentsViewModelTest {

    final FakeIncidentsApi api = new FakeIncidentsApi();
    final ScriptedDialogs dialogs = new ScriptedDialogs();
    final IncidentsViewModel model = new IncidentsViewModel(() -> api, Grants.everything(), new CurrentThreadTaskExecutor(), dialogs);

    static final class ScriptedDialogs implements IncidentsViewModel.Dialogs {
        final Deque<Optional<String>> answers = new ArrayDeque<>();
        Optional<NewIncident> newIncident = Optional.empty();
        final List<String> snapshotsShown = new ArrayList<>();

        @Override
        public Optional<String> ask(String key, boolean optional) {
            return answers.removeFirst();
        }

        @Override
        public Optional<NewIncident> askNewIncident() {
            return newIncident;
        }

        @Override
        public void showSnapshot(String json) {
            snapshotsShown.add(json);
        }
    }

    private void openOne(String title) {
        dialogs.newIncident = Optional.of(new NewIncident(title, "critical", "database", null));
        model.open();
    }

    @Test
    void anIncidentOpenedByHandIsListedAndShown() {
        openOne("Checkout errors");
        assertThat(api.opened).singleElement().satisfies(request -> assertThat(request.kind()).isEqualTo("database"));
        assertThat(model.incidents()).extracting(Incident::title).containsExactly("Checkout errors");
        assertThat(model.shownProperty().get().incident().title()).isEqualTo("Checkout errors");
        assertThat(model.canAcknowledge().get()).isTrue();
        dialogs.newIncident = Optional.empty();
        model.open();
        assertThat(api.opened).as("cancelled").hasSize(1);
    }

    @Test
    void supportAcknowledgesButNeitherEscalatesNorResolves() {
        IncidentsViewModel support = new IncidentsViewModel(() -> api, new Grants(java.util.Set.of("SUPPORT")), new CurrentThreadTaskExecutor(), dialogs);
        dialogs.newIncident = Optional.of(new NewIncident("Checkout errors", "critical", "database", null));
        support.open();
        assertThat(support.canAcknowledge().get()).isTrue();
        assertThat(support.canEscalate().get()).as("§6.3: DevOps and above escalate").isFalse();
        assertThat(support.canResolve().get()).isFalse();

        int callsBefore = api.calls.size();
        support.escalate(); // no answer is queued: asking the user would throw
        support.resolve();
        assertThat(api.calls).as("nothing asked of the server").hasSize(callsBefore);
        support.acknowledge();
        assertThat(support.shownProperty().get().incident().status()).isEqualTo(Incident.Status.ACKNOWLEDGED);
    }

    @Test
    void theLevelsOfTheWorkflowChangeWhatMayBeDone() {
        openOne("Checkout errors");
        model.acknowledge();
        assertThat(model.canAcknowledge().get()).as("acknowledged once").isFalse();
        assertThat(model.shownProperty().get().incident().status()).isEqualTo(Incident.Status.ACKNOWLEDGED);
        dialogs.answers.add(Optional.of("DBA needed"));
        model.escalate();
        dialogs.answers.add(Optional.of(""));
        model.escalate();
        assertThat(model.shownProperty().get().incident().level()).isEqualTo(Incident.TOP_LEVEL);
        assertThat(model.canEscalate().get()).as("level 3 is the top").isFalse();
        dialogs.answers.add(Optional.of("index rebuilt"));
        model.resolve();
        assertThat(model.canResolve().get()).isFalse();
        assertThat(model.incidents()).as("the active filter hides resolved incidents").isEmpty();
        model.filterProperty().set(IncidentsViewModel.Filter.RESOLVED);
        assertThat(model.incidents()).extracting(Incident::title).containsExactly("Checkout errors");
        assertThat(model.shownProperty().get().timeline()).extracting(e -> e.action() + (e.detail() == null ? "" : ": " + e.detail()))
                .containsExactly("opened", "acknowledged", "escalated: DBA needed", "escalated: ", "resolved: index rebuilt");
    }

    @Test
    void aNoteNeedsTextAndTheChecklistAndSnapshotsFollowTheServer() {
        openOne("Checkout errors");
        dialogs.answers.add(Optional.empty());
        model.note();
        assertThat(api.calls).noneMatch(call -> call.startsWith("note"));
        dialogs.answers.add(Optional.of("restarted app2"));
        model.note();
        model.check(model.shownProperty().get().checklist().getFirst());
        assertThat(model.shownProperty().get().checklist().getFirst().checked()).isTrue();
        model.takeSnapshot();
        model.viewSnapshot(model.shownProperty().get().snapshots().getFirst());
        assertThat(dialogs.snapshotsShown).singleElement().asString().contains("s-1");
    }

    @Test
    void aRefusalShowsTheServersReasonUntilTheNextAction() {
        openOne("Checkout errors");
        api.refusal = FakeIncidentsApi.refused(403, "SUPPORT may not resolve at level 1");
        dialogs.answers.add(Optional.of("done"));
        model.resolve();
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("SUPPORT may not resolve at level 1");
        assertThat(model.shownProperty().get().incident().resolved()).isFalse();
        model.acknowledge();
        assertThat(model.failedProperty().get()).as("the next action clears it").isFalse();
        assertThat(model.messageProperty().get()).isEmpty();
    }
}
