package com.nexusai.desktop.incidents;

import java.util.List;
import java.util.ResourceBundle;

import com.nexusai.core.incidents.IncidentDetails;
import com.nexusai.desktop.platform.Tables;

/**
 * An incident's timeline in the user's language: the server records each action as a code ({@code opened},
 * {@code escalated}...) and a checked item by its number with the guide's English words, so the console says the
 * action in its own words and the item as the checklist says it in French or English.
 */
final class TimelineText {

    private final ResourceBundle text;
    private final boolean french;

    TimelineText(ResourceBundle text) {
        this.text = text;
        this.french = text.getLocale().getLanguage().equals("fr");
    }

    /** "10:02:11  amelie  Escalated: no answer from level 1". */
    String line(IncidentDetails.TimelineEntry entry, List<IncidentDetails.ChecklistItem> checklist) {
        String detail = "checked".equals(entry.action()) ? checkedItem(entry.detail(), checklist) : entry.detail();
        return (entry.at() == null ? "" : Tables.time(entry.at().toString())) + "  " + entry.actor() + "  " + action(entry.action())
                + (detail == null || detail.isBlank() ? "" : (french ? " : " : ": ") + detail); // French sets the colon apart
    }

    String action(String code) {
        String key = "incidents.action." + code;
        return text.containsKey(key) ? text.getString(key) : code; // an action of a newer server, as it names it
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
