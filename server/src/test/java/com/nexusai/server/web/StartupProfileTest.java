package com.nexusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/** The slowest steps are ranked by their own time: a step's children are not counted twice. */
class StartupProfileTest {

    @Test
    void aStepsOwnTimeLeavesOutTheStepsInsideIt() {
        ApplicationStartup startup = StartupProfile.recorder();
        StartupStep parse = startup.start("spring.context.config-classes.parse").tag("classCount", "304");
        StartupStep bean = startup.start("spring.beans.instantiate").tag("beanName", "minioClient");
        bean.end();
        parse.end();

        List<StartupProfile.Step> steps = StartupProfile.slowest(startup, 10);

        assertThat(steps).hasSize(2);
        StartupProfile.Step outer = steps.stream().filter(step -> step.name().equals("spring.context.config-classes.parse")).findFirst().orElseThrow();
        StartupProfile.Step inner = steps.stream().filter(step -> step.name().equals("spring.beans.instantiate")).findFirst().orElseThrow();
        assertThat(inner.about()).isEqualTo("beanName=minioClient");
        assertThat(outer.about()).isEqualTo("classCount=304");
        assertThat(inner.self()).isEqualTo(inner.total());
        assertThat(outer.self()).isEqualTo(outer.total().minus(inner.total()));
        assertThat(steps.getFirst().self()).isGreaterThanOrEqualTo(steps.get(1).self());
    }

    @Test
    void aStartThatWasNotRecordedHasNoProfile() {
        ApplicationStartup plain = ApplicationStartup.DEFAULT;
        plain.start("spring.beans.instantiate").end();

        assertThat(StartupProfile.slowest(plain, 10)).isEmpty();
    }

    @Test
    void onlyTheFlagAsksForIt() {
        assertThat(StartupProfile.requested(new String[] {"--server.port=0", "--startup-profile"})).isTrue();
        assertThat(StartupProfile.requested(new String[] {"--server.port=0"})).isFalse();
    }
}
