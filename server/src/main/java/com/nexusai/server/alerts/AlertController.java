package com.nexusai.server.alerts;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nexusai.core.alerts.AlertRule;
import com.nexusai.core.alerts.AlertRules;
import com.nexusai.server.web.BadRequestException;
import com.nexusai.server.web.ConflictException;
import com.nexusai.server.web.NotFoundException;
import com.nexusai.server.web.ProblemText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/alerts} (support staff and above): the fleet's alerts as the servers' engines recorded them, their
 * history, acknowledgements, and the silences every console shares.
 */
@Tag(name = "Alerts")
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    /**
     * An alert now: its episode, whether someone took it, and what silences it (null when nothing). {@code recorded}
     * false: PostgreSQL does not answer, so this is the answering instance's own engine, without id, history or silences.
     */
    record AlertView(UUID id, String name, String severity, String summary, Map<String, String> labels, double value, String state,
            Instant activeSince, Instant firingSince, Instant seenAt, AlertHistory.Acknowledgement acknowledged, AlertSilences.Silenced silenced,
            boolean recorded) {
    }

    record Acknowledge(String comment) {
    }

    record Matchers(String rule, String instance) {
    }

    record NewSilence(Matchers matchers, Instant until, String reason) {
    }

    static final int MAX_HISTORY = 10_000;
    private static final java.util.regex.Pattern RULE_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    static final Duration LONGEST_HISTORY = Duration.ofDays(90);
    /** A silence longer than a week is a rule to change, not a silence. */
    static final Duration LONGEST_SILENCE = Duration.ofDays(7);

    private final AlertHistory history;
    private final AlertSilences silences;
    private final AlertTime time;
    private final AlertMonitor monitor;
    private final Set<String> rules = AlertRules.shipped().rules().stream().map(AlertRule::alert).collect(Collectors.toCollection(java.util.TreeSet::new));

    AlertController(AlertHistory history, AlertSilences silences, AlertTime time, AlertMonitor monitor) {
        this.monitor = monitor;
        this.history = history;
        this.silences = silences;
        this.time = time;
    }

    /**
     * The pending and firing alerts of every instance; with PostgreSQL down (when alerts matter most), this instance's
     * own, from its engine, rather than an error.
     */
    @Operation(summary = "Lists the alerts pending or firing")
    @GetMapping
    List<AlertView> active() {
        Instant now = time.now();
        try {
            List<AlertSilences.Silence> on = silences.active(now);
            var windows = silences.windows(now);
            return history.open().stream()
                    .map(episode -> view(episode, AlertSilences.of(episode.rule(), episode.labels(), on, windows).orElse(null))).toList();
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException unrecorded) {
            return monitor.active().stream().map(alert -> new AlertView(null, alert.name(), alert.severity(), alert.summary(), alert.labels(),
                    alert.value(), alert.state().name(), alert.activeSince(), null, now, null, null, false)).toList();
        }
    }

    /** The changes of state between {@code since} (default: a day ago) and {@code until} (default: now), the newest first. */
    @Operation(summary = "Reads the alerts' changes of state over a time span")
    @GetMapping("/history")
    List<AlertHistory.Transition> history(@RequestParam(required = false) Instant since, @RequestParam(required = false) Instant until,
            @RequestParam(required = false) String rule, @RequestParam(required = false) String instance,
            @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > MAX_HISTORY) {
            throw new BadRequestException(ProblemText.of("limit.range", MAX_HISTORY));
        }
        Instant to = until == null ? time.now() : until;
        Instant from = since == null ? to.minus(Duration.ofDays(1)) : since;
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST_HISTORY) > 0) {
            throw new BadRequestException(ProblemText.of("alerts.history.range", LONGEST_HISTORY.toDays()));
        }
        return history.history(from, to, blankIsNull(rule), blankIsNull(instance), limit);
    }

    @Operation(summary = "Acknowledges an alert with a comment")
    @PostMapping("/{id}/acknowledge")
    AlertView acknowledge(@PathVariable UUID id, @RequestBody(required = false) Acknowledge request, Authentication user) {
        String comment = request == null || request.comment() == null ? "" : request.comment().strip();
        if (comment.isEmpty() || comment.length() > 2000) {
            throw new BadRequestException(ProblemText.of("alerts.comment"));
        }
        AlertHistory.Episode episode = history.episode(id).orElseThrow(() -> new NotFoundException(ProblemText.of("alerts.none", id)));
        Instant now = time.now();
        if (episode.resolved() || !history.acknowledge(id, user.getName(), comment, now)) {
            throw new ConflictException(ProblemText.of("alerts.resolved", id));
        }
        AlertHistory.Episode taken = history.episode(id).orElseThrow();
        return view(taken, silences.of(taken.rule(), taken.labels(), now).orElse(null));
    }

    @Operation(summary = "Lists the silences in force")
    @GetMapping("/silences")
    List<AlertSilences.Silence> silences() {
        return silences.active(time.now());
    }

    @Operation(summary = "Silences alerts matching labels for a while")
    @PostMapping("/silences")
    ResponseEntity<AlertSilences.Silence> silence(@RequestBody NewSilence request, Authentication user) {
        Matchers matchers = request.matchers() == null ? new Matchers(null, null) : request.matchers();
        String instance = blankIsNull(matchers.instance());
        String reason = request.reason() == null ? "" : request.reason().strip();
        Instant now = time.now();
        List<ProblemText> problems = new java.util.ArrayList<>(); // every field wrong at once, not one per attempt
        // a rule of the shipped file, or of a console's own (--rules) or a Prometheus shop's: any alert name
        if (matchers.rule() == null || !RULE_NAME.matcher(matchers.rule()).matches()) {
            problems.add(ProblemText.of("alerts.silence.rule", rules.iterator().next()));
        }
        if (instance != null && instance.length() > 255) {
            problems.add(ProblemText.of("alerts.silence.instance"));
        }
        if (request.until() == null || !request.until().isAfter(now) || request.until().isAfter(now.plus(LONGEST_SILENCE))) {
            problems.add(ProblemText.of("alerts.silence.until", LONGEST_SILENCE.toDays()));
        }
        if (reason.isEmpty() || reason.length() > 500) {
            problems.add(ProblemText.of("alerts.silence.reason"));
        }
        if (!problems.isEmpty()) {
            throw new BadRequestException(problems.stream().reduce((first, next) -> ProblemText.of("input.and", first, next)).orElseThrow());
        }
        AlertSilences.Silence added = silences.add(matchers.rule(), instance, request.until(), reason, user.getName(), now);
        return ResponseEntity.created(URI.create("/api/alerts/silences/" + added.id())).body(added);
    }

    @Operation(summary = "Lifts a silence")
    @DeleteMapping("/silences/{id}")
    ResponseEntity<Void> lift(@PathVariable UUID id, Authentication user) {
        if (!silences.lift(id, user.getName(), time.now())) {
            throw new NotFoundException(ProblemText.of("alerts.silence.none", id));
        }
        return ResponseEntity.noContent().build();
    }

    private static AlertView view(AlertHistory.Episode episode, AlertSilences.Silenced silenced) {
        return new AlertView(episode.id(), episode.rule(), episode.severity(), episode.summary(), episode.labels(), episode.value(),
                episode.state().toUpperCase(java.util.Locale.ROOT), episode.startedAt(), episode.firingAt(), episode.seenAt(),
                episode.acknowledged(), silenced, true);
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
