package com.nexusai.server.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScenarioScoreTest {

    private static ScenarioScore.Seen seen(String id, String severity, int evidence) {
        return new ScenarioScore.Seen(id, severity, evidence);
    }

    @Test
    void theCauseWithEvidenceThenTheSymptomNextToItThenTheAreaThenNothing() {
        Set<String> waitingStatement = Set.of("slow-queries");

        assertThat(ScenarioScore.of("lock-wait", waitingStatement, List.of(seen("slow-queries", "warning", 1), seen("lock-wait", "critical", 2))))
                .isEqualTo(ScenarioScore.RIGHT_CAUSE_WITH_EVIDENCE);
        assertThat(ScenarioScore.of("lock-wait", waitingStatement, List.of(seen("lock-wait", "critical", 0))))
                .as("a cause without evidence is not the right cause").isEqualTo(ScenarioScore.RIGHT_AREA_WRONG_CAUSE);
        assertThat(ScenarioScore.of("lock-wait", waitingStatement, List.of(seen("slow-queries", "warning", 1))))
                .isEqualTo(ScenarioScore.ONE_HOP_SHORT);
        assertThat(ScenarioScore.of("lock-wait", waitingStatement, List.of(seen("pool-too-small", "warning", 3))))
                .isEqualTo(ScenarioScore.RIGHT_AREA_WRONG_CAUSE);
        assertThat(ScenarioScore.of("lock-wait", waitingStatement, List.of(seen("gc-pauses", "warning", 1), seen("lock-wait", "info", 2))))
                .as("info findings do not count").isEqualTo(ScenarioScore.WRONG_AREA);
        assertThat(ScenarioScore.of("kafka-consumer-stalled", Set.of(), List.of())).isEqualTo(ScenarioScore.WRONG_AREA);
    }
}
