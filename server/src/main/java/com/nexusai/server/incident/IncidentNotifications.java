package com.nexusai.server.incident;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nexusai.server.sql.Columns;
import com.nexusai.server.web.ProblemText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the people of an incident's level (§6.3) who can be reached now (§8 hours): an email to each, and a webhook
 * call for those who have one (a generic JSON body whose {@code text} Slack and Mattermost show). Notifications are
 * rows delivered by a scheduled sender, never by the code that opened or escalated the incident: a slow SMTP server or
 * webhook blocks nothing. A failed delivery is tried again with a doubling delay; every attempt is in the timeline.
 */
@Component
class IncidentNotifications {

    private static final Logger log = LoggerFactory.getLogger(IncidentNotifications.class);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** A claimed row is left alone this long: the sender that took it delivers it or puts it back. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    /** Why a delivery failed, and whether trying again could help. */
    private record Failure(String reason, boolean lasting) {
    }

    private record Due(UUID id, UUID incident, int level, String role, String channel, String target, String subject, String body,
            int attempts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Contacts contacts;
    private final IncidentTimeline timeline;
    /** Business time: who can be reached (the contacts' hours). */
    private final IncidentTime clock;
    /** Delivery time: when a notification is due, retried and sent (a test's incident clock does not hold deliveries back). */
    private final java.time.Clock delivery;
    private final IncidentProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    IncidentNotifications(JdbcClient jdbc, TransactionTemplate transaction, Contacts contacts, IncidentTimeline timeline, IncidentTime clock,
            java.time.Clock delivery, IncidentProperties properties, ObjectProvider<JavaMailSender> mail, JsonMapper json) {
        this.delivery = delivery;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.contacts = contacts;
        this.timeline = timeline;
        this.clock = clock;
        this.properties = properties;
        this.mail = mail;
        this.json = json;
    }

    /** Queues the notifications of {@code level} for the incident, to whoever covers it and can be reached now; in the caller's transaction. */
    void enqueue(UUID incident, String title, String severity, String kind, int level, String why) {
        List<Contact> reachable = contacts.reachable(level, kind, clock.local());
        if (reachable.isEmpty()) {
            timeline.write(incident, "notifications", "notified-nobody", ProblemText.of("timeline.nobodyToNotify", level, kind));
            return;
        }
        String subject = "[NexusAI] " + severity.toUpperCase(java.util.Locale.ROOT) + " level " + level + ": " + title;
        String text = subject + " (" + kind + ", " + why + ")";
        Instant now = delivery.instant();
        for (Contact contact : reachable) {
            queue(incident, level, contact.role(), "email", contact.email(), subject,
                    text + "\n\nIncident " + incident + "\nAcknowledge it in the console or with POST /api/incidents/" + incident + "/acknowledge.", now);
            if (contact.webhookUrl() != null && !contact.webhookUrl().isBlank()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("text", text);
                body.put("incident", Map.of("id", incident.toString(), "title", title, "severity", severity, "kind", kind, "level", level));
                body.put("reason", why);
                body.put("contact", contact.role());
                queue(incident, level, contact.role(), "webhook", contact.webhookUrl(), subject, json.writeValueAsString(body), now);
            }
        }
    }

    private void queue(UUID incident, int level, String role, String channel, String target, String subject, String body, Instant now) {
        jdbc.sql("""
                        insert into incident_notifications (id, incident_id, level, contact_role, channel, target, subject, body, status,
                            next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""")
                .params(UUID.randomUUID(), incident, level, role, channel, target, subject, body, Columns.timestamp(now), Columns.timestamp(now))
                .update();
    }

    /** Delivers what is due; one instance takes each row (skip locked), so a fleet sends each notification once. */
    @Scheduled(fixedDelayString = "${nexusai.incidents.notify-interval:PT2S}", initialDelayString = "PT2S")
    void deliverDue() {
        Instant now = delivery.instant();
        List<Due> due;
        try {
            due = transaction.execute(status -> {
                List<Due> claimed = jdbc.sql("""
                                select id, incident_id, level, contact_role, channel, target, subject, body, attempts from incident_notifications
                                where status = 'pending' and next_attempt_at <= ? order by next_attempt_at limit 20 for update skip locked""")
                        .param(Columns.timestamp(now))
                        .query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class), rs.getInt("level"),
                                rs.getString("contact_role"), rs.getString("channel"), rs.getString("target"), rs.getString("subject"),
                                rs.getString("body"), rs.getInt("attempts")))
                        .list();
                claimed.forEach(row -> jdbc.sql("update incident_notifications set next_attempt_at = ? where id = ?")
                        .params(Columns.timestamp(now.plus(LEASE)), row.id()).update());
                return claimed;
            });
        } catch (RuntimeException e) {
            log.warn("Notifications cannot be read now: {}", e.getMessage());
            return;
        }
        for (Due notification : due) {
            Failure failure = send(notification);
            transaction.executeWithoutResult(status -> record(notification, failure));
        }
    }

    /** Null when delivered, else why not. */
    private Failure send(Due notification) {
        try {
            if (notification.channel().equals("email")) {
                JavaMailSender sender = mail.getIfAvailable();
                if (sender == null || sender instanceof JavaMailSenderImpl impl && (impl.getHost() == null || impl.getHost().isBlank())) {
                    return new Failure("no SMTP server is set (SMTP_HOST in env.sh, spring.mail.host)", true);
                }
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(properties.notifyFrom());
                message.setTo(notification.target());
                message.setSubject(notification.subject());
                message.setText(notification.body());
                sender.send(message);
                return null;
            }
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(notification.target())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(notification.body())).build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2 ? null : new Failure("HTTP " + answer.statusCode(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted", false);
        } catch (Exception e) {
            return new Failure(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    private void record(Due notification, Failure failure) {
        Instant now = delivery.instant();
        int attempts = notification.attempts() + 1;
        if (failure == null) {
            jdbc.sql("update incident_notifications set status = 'sent', attempts = ?, sent_at = ?, last_error = null where id = ?")
                    .params(attempts, Columns.timestamp(now), notification.id()).update();
            timeline.write(notification.incident(), "notifications", "notified",
                    ProblemText.of("timeline.notified", notification.role(), notification.channel(), notification.target(), notification.level()));
            return;
        }
        boolean givenUp = failure.lasting() || attempts >= properties.notifyAttempts();
        Duration wait = properties.notifyRetryAfter().multipliedBy(1L << Math.min(attempts - 1, 20));
        Instant next = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        jdbc.sql("update incident_notifications set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                .params(givenUp ? "failed" : "pending", attempts, Columns.timestamp(next), failure.reason(), notification.id()).update();
        timeline.write(notification.incident(), "notifications", "notification-failed", givenUp
                ? ProblemText.of("timeline.notifyGaveUp", notification.role(), notification.channel(), notification.target(), failure.reason(), attempts)
                : ProblemText.of("timeline.notifyFailed", notification.role(), notification.channel(), notification.target(), failure.reason(),
                        next.toString()));
        log.warn("Notifying {} by {} failed (attempt {}): {}", notification.role(), notification.channel(), attempts, failure.reason());
    }
}
