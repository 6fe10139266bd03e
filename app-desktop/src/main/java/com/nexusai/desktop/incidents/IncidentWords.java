package com.nexusai.desktop.incidents;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.nexusai.core.incidents.IncidentDetails;
import com.nexusai.desktop.platform.Tables;

/**
 * An incident's codes in the user's language: its status, severity and kind, the list's filters, and the actions of
 * its timeline ({@code opened}, {@code escalated}...). The server says its own details in the language the console asks
 * for; a checked item is recorded with the guide's English words, so it is said as the checklist says it. A code this
 * console does not know (a newer server's) is shown as the server names it.
 */
final class IncidentWords {

    private final ResourceBundle text;
    private final boolean french;

    IncidentWords(ResourceBundle text) {
        this.text = text;
        this.french = text.getLocale().getLanguage().equals("fr");
    }

    /** "10:02:11  amelie  Escalated: level 1 -> 2". */
    String line(IncidentDetails.TimelineEntry entry, List<IncidentDetails.ChecklistItem> checklist) {
        String detail = "checked".equals(entry.action()) ? checkedItem(entry.detail(), checklist) : entry.detail();
        return (entry.at() == null ? "" : Tables.time(entry.at().toString())) + "  " + entry.actor() + "  " + action(entry.action())
                + (detail == null || detail.isBlank() ? "" : (french ? " : " : ": ") + detail); // French sets the colon apart
    }

    String action(String code) {
        return word("incidents.action.", code);
    }

    String status(String code) {
        return word("incidents.state.", code);
    }

    String severity(String code) {
        return word("incidents.severity.", code);
    }

    String kind(String code) {
        return word("incidents.kind.", code);
    }

    String filter(IncidentsViewModel.Filter filter) {
        return word("incidents.filter.", filter.wire());
    }

    private String word(String prefix, String code) {
        if (code == null) {
            return "";
        }
        String key = prefix + code.toLowerCase(Locale.ROOT);
        return text.containsKey(key) ? text.getString(key) : code;
    }

    /** "2.1 Check the application logs" said in the checklist's words for the user's language. */
    private String checkedItem(String detail, List<IncidentDetails.ChecklistItem> checklist) {
        if (detail == null) {
            return null;
        }
        int space = detail.indexOf(' ');
        String number = space < 0 ? detail : detail.substring(0, space);
        return checklist.stream().filter(item -> number.equals(item.level() + "." + item.index())).findFirst()
                .map(item -> number + " " + (french ? item.fr() : item.en())).orElse(detail);
    }
}
