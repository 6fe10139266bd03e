package com.nexusai.server.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContactTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Contact LEAD_DEV = new Contact(null, "Lead Dev", "dev@nexusai.fr", "MON-FRI", "09:00", "18:00", List.of(3),
            List.of("application"), null);
    private static final Contact OPS = new Contact(null, "Astreinte Ops", "ops@nexusai.fr", "MON-SUN", "00:00", "24:00", List.of(1, 2),
            List.of("application", "database"), null);

    private static ZonedDateTime at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(PARIS);
    }

    @Test
    void officeHoursAreWeekdaysFromNineToSixParisTime() {
        assertThat(LEAD_DEV.reachableAt(at("2026-11-24T09:00"))).as("Tuesday 09:00").isTrue();
        assertThat(LEAD_DEV.reachableAt(at("2026-11-24T17:59"))).isTrue();
        assertThat(LEAD_DEV.reachableAt(at("2026-11-24T18:00"))).as("the end is excluded").isFalse();
        assertThat(LEAD_DEV.reachableAt(at("2026-11-24T08:59"))).isFalse();
        assertThat(LEAD_DEV.reachableAt(at("2026-11-28T10:00"))).as("Saturday").isFalse();
        assertThat(LEAD_DEV.reachableAt(java.time.Instant.parse("2026-11-24T08:30:00Z").atZone(ZoneId.of("UTC")).withZoneSameInstant(PARIS)))
                .as("08:30 UTC is 09:30 in Paris").isTrue();
    }

    @Test
    void roundTheClockIsAlwaysAndCoverageIsByLevelAndKind() {
        assertThat(OPS.reachableAt(at("2026-11-29T03:00"))).as("Sunday night").isTrue();
        assertThat(OPS.reachableAt(at("2026-11-29T23:59"))).isTrue();
        assertThat(OPS.covers(1, "database")).isTrue();
        assertThat(OPS.covers(3, "application")).isFalse();
        assertThat(OPS.covers(1, "security")).isFalse();
    }

    @Test
    void aWeekendRangeWrapsAroundTheWeek() {
        Contact weekend = new Contact(null, "Weekend", "we@nexusai.fr", "SAT-SUN", "00:00", "24:00", List.of(1), List.of("application"), null);
        assertThat(weekend.reachableAt(at("2026-11-28T12:00"))).isTrue();
        assertThat(weekend.reachableAt(at("2026-11-30T12:00"))).as("Monday").isFalse();
        Contact fridayToMonday = new Contact(null, "Long weekend", "lw@nexusai.fr", "FRI-MON", "00:00", "24:00", List.of(1), List.of("application"), null);
        assertThat(fridayToMonday.reachableAt(at("2026-11-30T12:00"))).as("Monday").isTrue();
        assertThat(fridayToMonday.reachableAt(at("2026-11-25T12:00"))).as("Wednesday").isFalse();
    }

    @Test
    void badFieldsSayWhatIsWrong() {
        assertThatThrownBy(() -> new Contact(null, "X", "x@nexusai.fr", "weekdays", "09:00", "18:00", List.of(1), List.of("application"), null)
                .validate()).hasMessageContaining("MON-FRI");
        assertThatThrownBy(() -> new Contact(null, "X", "x@nexusai.fr", "MON-FRI", "9h", "18:00", List.of(1), List.of("application"), null)
                .validate()).hasMessageStartingWith("startTime:").hasMessageContaining("like 09:00");
        assertThatThrownBy(() -> new Contact(null, "X", "x@nexusai.fr", "MON-FRI", "09:00:00", "18:00", List.of(1), List.of("application"), null)
                .validate()).as("seconds do not fit the stored HH:mm").hasMessageStartingWith("startTime:");
        assertThatThrownBy(() -> new Contact(null, "X", "x@nexusai.fr", "MON-FRI", "09:00", "18:00", java.util.Arrays.asList(1, null),
                List.of("application"), null).validate()).hasMessageContaining("levels");
        assertThatThrownBy(() -> new Contact(null, "X", "x@nexusai.fr", "MON-FRI", "09:00", "18:00", List.of(1),
                java.util.Arrays.asList((String) null), null).validate()).hasMessageContaining("kinds");
        assertThatThrownBy(() -> new Contact(null, "X".repeat(101), "x@nexusai.fr", "MON-FRI", "09:00", "18:00", List.of(1),
                List.of("application"), null).validate()).hasMessageStartingWith("role:");
        assertThatThrownBy(() -> new Contact(null, "X", "x@nexusai.fr", "MON-FRI", "18:00", "09:00", List.of(1), List.of("application"), null)
                .validate()).hasMessageContaining("before endTime");
        assertThatThrownBy(() -> new Contact(null, "X", "x@nexusai.fr", "MON-FRI", "09:00", "18:00", List.of(4), List.of("application"), null)
                .validate()).hasMessageContaining("levels");
        assertThatThrownBy(() -> new Contact(null, "X", "x@nexusai.fr", "MON-FRI", "09:00", "18:00", List.of(1), List.of("network"), null)
                .validate()).hasMessageContaining("kinds");
        assertThatThrownBy(() -> new Contact(null, "X", "not-an-email", "MON-FRI", "09:00", "18:00", List.of(1), List.of("application"), null)
                .validate()).hasMessageContaining("email");
    }
}
