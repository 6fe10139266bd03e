package com.nexusai.server.incident;

import java.net.URI;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.nexusai.server.web.BadRequestException;
import com.nexusai.server.web.ProblemText;

/**
 * A contact of the guide's §8: who, and when they can be reached (days like {@code MON-FRI}, hours
 * {@code 09:00}-{@code 18:00} in the configured zone, {@code 00:00}-{@code 24:00} for always), for
 * which levels and which kinds of incident; {@code webhookUrl} (optional) is also called when they are notified.
 */
public record Contact(UUID id, String role, String email, String days, String startTime, String endTime, List<Integer> levels,
        List<String> kinds, String webhookUrl) {

    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    /** Checks the fields a person edits; the message says what is wrong. */
    void validate() {
        if (role == null || role.isBlank() || role.length() > 100) {
            throw refused("contact.role");
        }
        if (email == null || !email.contains("@") || email.length() > 200) {
            throw refused("contact.email");
        }
        dayRange();
        time("startTime", startTime);
        time("endTime", endTime);
        if (!time("startTime", startTime).isBefore(time("endTime", endTime)) && !endTime.equals("24:00")) {
            throw refused("contact.order");
        }
        if (levels == null || levels.isEmpty() || levels.stream().anyMatch(l -> l == null || l < 1 || l > 3)) {
            throw refused("contact.levels");
        }
        if (kinds == null || kinds.isEmpty() || kinds.stream().anyMatch(k -> k == null || !Incident.KINDS.contains(k))) {
            throw refused("contact.kinds", Incident.KINDS);
        }
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            URI url;
            try {
                url = URI.create(webhookUrl.strip());
            } catch (IllegalArgumentException e) {
                throw refused("contact.webhook");
            }
            if (webhookUrl.length() > 500 || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw refused("contact.webhook");
            }
        }
    }

    /** Whether this contact can be reached at {@code now} (in the contacts' zone). */
    boolean reachableAt(ZonedDateTime now) {
        int[] range = dayRange();
        int day = now.getDayOfWeek().getValue() - 1;
        boolean inDays = range[0] <= range[1] ? day >= range[0] && day <= range[1] : day >= range[0] || day <= range[1];
        if (!inDays) {
            return false;
        }
        LocalTime time = now.toLocalTime();
        return !time.isBefore(time("startTime", startTime)) && (endTime.equals("24:00") || time.isBefore(time("endTime", endTime)));
    }

    boolean covers(int level, String kind) {
        return levels.contains(level) && kinds.contains(kind);
    }

    private int[] dayRange() {
        String[] parts = days == null ? new String[0] : days.toUpperCase(Locale.ROOT).split("-");
        if (parts.length != 2 || !DAYS.contains(parts[0]) || !DAYS.contains(parts[1])) {
            throw refused("contact.days", String.join(", ", DAYS));
        }
        return new int[] {DAYS.indexOf(parts[0]), DAYS.indexOf(parts[1])};
    }

    /** A refusal naming the field, in the words of {@code problems.properties} (said in the request's language). */
    private static BadRequestException refused(String key, Object... args) {
        return new BadRequestException(ProblemText.of(key, args));
    }

    private static final java.util.regex.Pattern HOURS_MINUTES = java.util.regex.Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");

    /** Hours and minutes only ({@code 09:00}; {@code 24:00} for the end of the day), as the contacts table stores them. */
    private static LocalTime time(String field, String text) {
        if (text == null || !HOURS_MINUTES.matcher(text).matches()) {
            throw refused("contact.time", field);
        }
        return "24:00".equals(text) ? LocalTime.MAX : LocalTime.parse(text);
    }
}
