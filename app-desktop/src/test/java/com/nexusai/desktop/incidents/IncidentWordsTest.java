package com.nexusai.desktop.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.nexusai.core.incidents.IncidentDetails;
import com.nexusai.desktop.platform.Tables;
import org.junit.jupiter.api.Test;

class IncidentWordsTest {

    static final Instant AT = Instant.parse("2026-12-01T10:02:11Z");
    static final List<IncidentDetails.ChecklistItem> CHECKLIST = List.of(
            new IncidentDetails.ChecklistItem(1, 0, "Consulter le tableau de bord", "Check the dashboard", true, "amelie", AT),
            new IncidentDetails.ChecklistItem(2, 1, "Analyser les logs applicatifs", "Analyse the application logs", false, null, null));

    private static ResourceBundle words(Locale locale) {
        return ResourceBundle.getBundle("com.nexusai.desktop.messages", locale);
    }

    @Test
    void actionsAreSaidInTheUsersLanguage() {
        var escalated = new IncidentDetails.TimelineEntry(AT, "escalation", "escalated", "no acknowledgement within 15 min");
        String time = Tables.time(AT.toString());
        assertThat(new IncidentWords(words(Locale.ENGLISH)).line(escalated, CHECKLIST))
                .isEqualTo(time + "  escalation  Escalated: no acknowledgement within 15 min");
        assertThat(new IncidentWords(words(Locale.FRENCH)).line(escalated, CHECKLIST))
                .isEqualTo(time + "  escalation  Escaladé : no acknowledgement within 15 min");
        assertThat(new IncidentWords(words(Locale.FRENCH)).line(new IncidentDetails.TimelineEntry(AT, "amelie", "acknowledged", ""), CHECKLIST))
                .as("no detail, no colon").isEqualTo(time + "  amelie  Pris en charge");
    }

    @Test
    void aCheckedItemIsSaidAsTheChecklistSaysItInThatLanguage() {
        var checked = new IncidentDetails.TimelineEntry(AT, "amelie", "checked", "2.1 Analyse the application logs");
        assertThat(new IncidentWords(words(Locale.FRENCH)).line(checked, CHECKLIST)).endsWith("Vérifié : 2.1 Analyser les logs applicatifs");
        assertThat(new IncidentWords(words(Locale.ENGLISH)).line(checked, CHECKLIST)).endsWith("Checked: 2.1 Analyse the application logs");
        var unknownItem = new IncidentDetails.TimelineEntry(AT, "amelie", "checked", "9.9 An item of a newer guide");
        assertThat(new IncidentWords(words(Locale.FRENCH)).line(unknownItem, CHECKLIST)).endsWith("Vérifié : 9.9 An item of a newer guide");
    }

    @Test
    void anActionTheConsoleDoesNotKnowIsShownAsTheServerNamesIt() {
        assertThat(new IncidentWords(words(Locale.FRENCH)).action("reopened")).isEqualTo("reopened");
    }

    @Test
    void statusSeverityKindAndFiltersAreSaidInFrench() {
        IncidentWords french = new IncidentWords(words(Locale.FRENCH));
        assertThat(french.status("escalated")).isEqualTo("escaladé");
        assertThat(french.severity("critical")).isEqualTo("critique");
        assertThat(french.kind("database")).isEqualTo("base de données");
        assertThat(french.filter(IncidentsViewModel.Filter.ACTIVE)).isEqualTo("en cours");
        assertThat(new IncidentWords(words(Locale.ENGLISH)).filter(IncidentsViewModel.Filter.ALL)).isEqualTo("all");
        assertThat(french.kind("weather")).as("a kind of a newer server").isEqualTo("weather");
    }

    @Test
    void everyCodeOfTheServerHasWordsInBothLanguages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.FRENCH)) {
            ResourceBundle text = words(locale);
            for (String code : List.of("open", "acknowledged", "escalated", "resolved")) {
                assertThat(text.containsKey("incidents.state." + code)).as(locale + " " + code).isTrue();
            }
            for (String code : List.of("info", "warning", "critical")) {
                assertThat(text.containsKey("incidents.severity." + code)).as(locale + " " + code).isTrue();
            }
            for (String code : List.of("application", "database", "security", "infrastructure")) {
                assertThat(text.containsKey("incidents.kind." + code)).as(locale + " " + code).isTrue();
            }
            for (String code : List.of("opened", "acknowledged", "note", "escalated", "resolved", "checked", "snapshot", "snapshot-failed",
                    "notified", "notification-failed", "notified-nobody")) {
                assertThat(text.containsKey("incidents.action." + code)).as(locale + " " + code).isTrue();
            }
            for (IncidentsViewModel.Filter filter : IncidentsViewModel.Filter.values()) {
                assertThat(text.containsKey("incidents.filter." + filter.wire())).as(locale + " " + filter).isTrue();
            }
        }
    }
}
