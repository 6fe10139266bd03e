package com.nexusai.server.diagnostics;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.web.BadRequestException;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/diagnostics} (§6.2): thread dump (DEVOPS and above), heap dump streamed out (ADMIN,
 * audited, one at a time), the log as a stream with a level filter and a text search (support staff), logger levels
 * (read: support staff; change: DEVELOPER, ADMIN). Who may do what is in the security configuration.
 */
@Tag(name = "Diagnostics")
@RestController
@RequestMapping("/api/diagnostics")
class DiagnosticsController {

    private static final Duration FOLLOW_PERIOD = Duration.ofMillis(500);

    record LevelRequest(String level) {
    }

    private final Diagnostics diagnostics;
    private final HeapDumps heapDumps;
    private final KnownSecrets secrets;
    private final LogFile logs;
    private final LoggingSystem logging;
    private final ScheduledExecutorService followers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("log-follow").daemon().factory());

    DiagnosticsController(Diagnostics diagnostics, HeapDumps heapDumps, KnownSecrets secrets, LogFile logs,
            LoggingSystem logging) {
        this.diagnostics = diagnostics;
        this.heapDumps = heapDumps;
        this.secrets = secrets;
        this.logs = logs;
        this.logging = logging;
    }

    @Operation(summary = "Dumps the threads (jstack)")
    @GetMapping(path = "/threads", produces = MediaType.TEXT_PLAIN_VALUE)
    String threads() {
        return diagnostics.threadDump();
    }

    /** ADMIN only (the security configuration), with {@code ?reason=}: see {@link HeapDumps}. */
    @Operation(summary = "Downloads a heap dump (audited)")
    @GetMapping("/heap")
    ResponseEntity<StreamingResponseBody> heap(@RequestParam(required = false) String reason, Authentication user,
            HttpServletRequest request) {
        HeapDumps.Permit permit = heapDumps.start(user.getName(), request.getRemoteAddr(), reason);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("nexusai-heap-" + ProcessHandle.current().pid() + ".hprof").build().toString())
                .body(out -> {
                    try (permit) {
                        permit.writeTo(out);
                    }
                });
    }

    @Operation(summary = "Takes a diagnostics snapshot: threads, heap, pools, the last log lines")
    @GetMapping("/snapshot")
    Map<String, Object> snapshot(@RequestParam(defaultValue = "200") int logLines) {
        if (logLines < 0 || logLines > 5000) {
            throw new BadRequestException(ProblemText.of("diagnostics.logLines"));
        }
        return diagnostics.snapshot(logLines);
    }

    /**
     * The last {@code lines} log lines at {@code level} or above containing {@code q}, as {@code line}
     * events; with {@code follow=true} the stream goes on with new lines (the guide's {@code tail -f | grep}).
     */
    @Operation(summary = "Follows the server's log as server-sent events")
    @GetMapping(path = "/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter logs(@RequestParam(required = false) String level, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "200") int lines, @RequestParam(defaultValue = "false") boolean follow) throws IOException {
        if (lines < 0 || lines > 5000) {
            throw new BadRequestException(ProblemText.of("diagnostics.lines"));
        }
        LogFile.Filter filter;
        try {
            filter = new LogFile.Filter(level, q);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(ProblemText.of("diagnostics.logLevel", "[TRACE, DEBUG, INFO, WARN, ERROR]"));
        }
        if (logs.path() == null) {
            throw new BadRequestException(ProblemText.of("diagnostics.noLogFile"));
        }
        SseEmitter emitter = new SseEmitter(follow ? 0L : 30_000L);
        LogFile.Chunk last = logs.last(lines, filter);
        List<String> known = secrets.current();
        for (String line : last.lines()) {
            emitter.send(SseEmitter.event().name("line").data(KnownSecrets.redact(line, known), MediaType.TEXT_PLAIN));
        }
        if (!follow) {
            emitter.complete();
            return emitter;
        }
        AtomicLong offset = new AtomicLong(last.endOffset());
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = followers.scheduleWithFixedDelay(() -> {
            try {
                LogFile.Chunk next = logs.after(offset.get(), filter);
                offset.set(next.endOffset());
                List<String> secretsNow = next.lines().isEmpty() ? List.of() : secrets.current();
                for (String line : next.lines()) {
                    emitter.send(SseEmitter.event().name("line").data(KnownSecrets.redact(line, secretsNow), MediaType.TEXT_PLAIN));
                }
                if (next.lines().isEmpty()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                }
            } catch (IOException | RuntimeException e) {
                task[0].cancel(false);
                emitter.completeWithError(e);
            }
        }, FOLLOW_PERIOD.toMillis(), FOLLOW_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        emitter.onCompletion(() -> task[0].cancel(false));
        emitter.onError(error -> task[0].cancel(false));
        return emitter;
    }

    @Operation(summary = "Reads a logger's level")
    @GetMapping("/loggers/{name}")
    Map<String, Object> logger(@PathVariable String name) {
        LoggerConfiguration configuration = logging.getLoggerConfiguration(name);
        if (configuration == null) {
            return Map.of("name", name, "configuredLevel", "", "effectiveLevel", "");
        }
        return Map.of("name", name, "configuredLevel", String.valueOf(configuration.getConfiguredLevel()),
                "effectiveLevel", String.valueOf(configuration.getEffectiveLevel()));
    }

    /** Sets a logger's level ({@code null} to inherit again). */
    @Operation(summary = "Sets a logger's level; an empty level goes back to the configured one")
    @PostMapping("/loggers/{name}")
    Map<String, Object> setLevel(@PathVariable String name, @RequestBody LevelRequest request, Authentication user) {
        LogLevel level = null;
        if (request.level() != null && !request.level().isBlank()) {
            try {
                level = LogLevel.valueOf(request.level().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(ProblemText.of("diagnostics.level"));
            }
        }
        logging.setLogLevel(name, level);
        org.slf4j.LoggerFactory.getLogger(DiagnosticsController.class).warn("Logger {} set to {} by {}", name, level, user.getName());
        return logger(name);
    }

    @PreDestroy
    void stop() {
        followers.shutdownNow();
    }
}
