package com.nexusai.desktop.investigate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.nexusai.core.investigations.Finding;
import com.nexusai.core.investigations.InvestigationsApi;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** The findings of two hand-fed instances, one of which cannot answer; the worst first, the chosen one's evidence beside. */
class InvestigateViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T14:05:09Z"), ZoneOffset.UTC);

    /** An instance of our own, answering what it is given (or failing as a server that cannot be reached does). */
    private record FakeInstance(String instance, List<Finding> given, String failure) implements InvestigationsApi {

        @Override
        public List<Finding> findings() throws IOException {
            if (failure != null) {
                throw new IOException(failure);
            }
            return given;
        }
    }

    private static Finding finding(String id, String severity, String evidence) {
        return new Finding(id, severity, id + " title", List.of(new Finding.Evidence("postgres", "holding", evidence)), "pool", id + " next");
    }

    private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

    private InvestigateViewModel model(Locale locale, InvestigationsApi... instances) {
        return new InvestigateViewModel(ResourceBundle.getBundle("com.nexusai.desktop.messages", locale), () -> List.of(instances), tasks, CLOCK);
    }

    @Test
    void theWorstFindingsComeFirstAcrossInstancesAndTheFirstIsChosenWithItsEvidence() {
        InvestigateViewModel model = model(Locale.ENGLISH,
                new FakeInstance("app1:8443", List.of(finding("slow-queries", "warning", "pid 7"), finding("kafka-consumer-catching-up", "info", "-")), null),
                new FakeInstance("app2:8443", List.of(finding("pool-held-by-transactions", "critical", "pid 42, idle in transaction")), null));

        model.investigate();

        assertThat(model.rows()).extracting(row -> row.instance() + " " + row.finding().id())
                .containsExactly("app2:8443 pool-held-by-transactions", "app1:8443 slow-queries", "app1:8443 kafka-consumer-catching-up");
        assertThat(model.evidence()).extracting(Finding.Evidence::value).containsExactly("pid 42, idle in transaction");
        assertThat(model.statusProperty().get()).isEqualTo("3 finding(s) at 14:05:09");
        assertThat(model.runningProperty().get()).isFalse();

        model.selectedProperty().set(model.rows().get(1));
        assertThat(model.evidence()).extracting(Finding.Evidence::value).containsExactly("pid 7");
    }

    @Test
    void aFindingOpensItsRowOfTheGuidesTroubleshootingTableAndItsInstancesDashboard() {
        List<String> opened = new java.util.ArrayList<>();
        Finding noRow = new Finding("backup-stale", "critical", "stale", List.of(), null, "run one");
        InvestigateViewModel model = new InvestigateViewModel(ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH),
                () -> List.of(new FakeInstance("app1:8443", List.of(finding("pool-held-by-transactions", "critical", "pid 42"), noRow), null)),
                tasks, CLOCK, new InvestigateViewModel.Navigation() {
                    @Override
                    public void runbookRow(String id) {
                        opened.add(id);
                    }

                    @Override
                    public void dashboard(String instance) {
                        opened.add("dashboard of " + instance);
                    }
                });

        assertThat(model.runbookRowChosen().get()).as("nothing chosen yet").isFalse();
        model.investigate();
        assertThat(model.selectedProperty().get().finding().id()).as("the worst first, by id").isEqualTo("backup-stale");
        assertThat(model.runbookRowChosen().get()).isFalse();
        model.openRunbook();
        assertThat(opened).as("a finding without a row opens none").isEmpty();

        model.selectedProperty().set(model.rows().stream().filter(row -> row.finding().id().equals("pool-held-by-transactions")).findFirst()
                .orElseThrow());
        assertThat(model.runbookRowChosen().get()).isTrue();
        model.openRunbook();
        assertThat(opened).containsExactly("pool");
        model.showDashboard();
        assertThat(opened).containsExactly("pool", "dashboard of app1:8443");
    }

    @Test
    void anInstanceThatCannotAnswerIsSaidAndTheOthersAreShown() {
        InvestigateViewModel model = model(Locale.FRENCH,
                new FakeInstance("app1:8443", List.of(), "Connection refused"),
                new FakeInstance("app2:8443", List.of(), null));

        model.investigate();

        assertThat(model.rows()).isEmpty();
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.statusProperty().get())
                .isEqualTo("Rien trouvé à 14:05:09 : les analyseurs ne voient aucun problème · app1:8443 : enquête impossible (Connection refused)");
    }

    @Test
    void theChosenFindingStaysChosenWhenTheInstancesAreAskedAgain() {
        InvestigateViewModel model = model(Locale.ENGLISH, new FakeInstance("app1:8443",
                List.of(finding("lock-wait", "critical", "pid 1"), finding("slow-queries", "warning", "pid 2")), null));
        model.investigate();
        model.selectedProperty().set(model.rows().get(1));

        model.investigate();

        assertThat(model.selectedProperty().get().finding().id()).isEqualTo("slow-queries");
        assertThat(model.evidence()).extracting(Finding.Evidence::value).containsExactly("pid 2");
    }
}
