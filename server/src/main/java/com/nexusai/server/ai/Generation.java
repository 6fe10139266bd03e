package com.nexusai.server.ai;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import com.nexusai.server.web.ProblemException;
import com.nexusai.server.web.ProblemText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One answer being generated and streamed to one client as server-sent events:
 * {@code start} (ids), {@code phase} ({@code reading-prompt} when a request is sent to Ollama, {@code generating} with
 * the time to its first token), {@code token} per piece, then one of {@code done} (with Ollama's counts),
 * {@code cancelled} or {@code error}. With tools, the model may ask for tools instead of answering: each call is run
 * with the caller's rights and sent as a {@code step} event (the tool, its arguments, its status and result), the
 * results go back to the model in the next request, and so on for at most {@link ChatTooling#rounds()} rounds. Whatever ends it (the answer is complete, the client went
 * away, someone cancelled, Ollama failed or went quiet) happens once: the upstream request is
 * aborted, the exchange is stored with what was generated, and the client hears how it ended.
 *
 * <p>{@link #status} decides whether the client gets an HTTP error or a stream: it completes
 * normally when Ollama accepts the request (or the wait for that is over), exceptionally when
 * Ollama refuses first.
 */
final class Generation implements ChatStreamListener {

    private static final Logger log = LoggerFactory.getLogger(Generation.class);

    record Summary(UUID generationId, UUID conversationId, String owner, String model, Instant startedAt, int tokens) {
    }

    private final UUID id = UUID.randomUUID();
    private final UUID conversationId;
    private final boolean newConversation;
    private final String owner;
    private final String model;
    private final String userMessage;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final SseEmitter emitter;
    private final Conversations conversations;
    private final ChatMetrics metrics;
    private final Consumer<Generation> onEnd;
    private final CompletableFuture<Void> status = new CompletableFuture<>();
    private final StringBuilder answer = new StringBuilder();
    private final ChatTooling tooling;
    private final List<ChatTurn> turns = new ArrayList<>();
    private final StringBuilder roundAnswer = new StringBuilder();
    private OllamaChatClient client;
    private OllamaChatClient.Stream stream;
    private int round;
    private int toolCalls;
    private long roundStartedNanos;
    private boolean roundAnswering;
    private int contextTokens;
    private int roundPromptTokens;
    private ScheduledFuture<?> keepAlive;
    private int tokens;
    private long lastSendNanos = System.nanoTime();
    private boolean ended;

    Generation(UUID conversationId, boolean newConversation, String owner, String model, String userMessage, SseEmitter emitter,
            Conversations conversations, ChatMetrics metrics, Consumer<Generation> onEnd, ChatTooling tooling) {
        this.tooling = tooling;
        this.conversationId = conversationId;
        this.newConversation = newConversation;
        this.owner = owner;
        this.model = model;
        this.userMessage = userMessage;
        this.emitter = emitter;
        this.conversations = conversations;
        this.metrics = metrics;
        this.onEnd = onEnd;
    }

    UUID id() {
        return id;
    }

    UUID conversationId() {
        return conversationId;
    }

    String owner() {
        return owner;
    }

    CompletableFuture<Void> status() {
        return status;
    }

    synchronized Summary summary() {
        return new Summary(id, conversationId, owner, model, startedAt, tokens);
    }

    /** Starts streaming from Ollama; the {@code start} event waits in the emitter until the stream opens. */
    void begin(OllamaChatClient client, List<ChatTurn> conversation, int contextTokens) {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("generationId", id);
        start.put("conversationId", conversationId);
        start.put("model", model);
        start.put("tools", tooling.definitions().size());
        start.put("num_ctx", contextTokens);
        send("start", start);
        synchronized (this) {
            this.client = client;
            this.contextTokens = contextTokens;
            turns.addAll(conversation);
        }
        ask();
    }

    /** Sends the conversation so far (with any tool results) to Ollama: one round. */
    private void ask() {
        List<ChatTurn> sent;
        synchronized (this) {
            if (ended) {
                return;
            }
            round++;
            roundStartedNanos = System.nanoTime();
            roundAnswering = false;
            roundAnswer.setLength(0);
            sent = List.copyOf(turns);
        }
        send("phase", Map.of("phase", "reading-prompt", "round", round));
        String body = client.requestBody(model, sent, tooling.definitions(), contextTokens);
        int promptTokens = body.length() / CHARACTERS_PER_TOKEN;
        synchronized (this) {
            roundPromptTokens = promptTokens; // before sending: the answer may end before open() returns
        }
        if (promptTokens > contextTokens) {
            warnPromptCut(promptTokens, null);
        }
        OllamaChatClient.Stream opened = client.open(model, body, this);
        synchronized (this) {
            stream = opened;
            if (ended) {
                opened.cancel();
            }
        }
    }

    synchronized void keepAlive(ScheduledFuture<?> task) {
        keepAlive = task;
        if (ended) {
            task.cancel(false);
        }
    }

    /** Called every keep-alive period: a comment if nothing was sent for that long, which also finds a client that left. */
    void ping(long quietNanos) {
        synchronized (this) {
            if (ended || !status.isDone() || System.nanoTime() - lastSendNanos < quietNanos) {
                return;
            }
        }
        if (!trySend(SseEmitter.event().comment("keep-alive"))) {
            cancel("the client closed the stream");
        }
    }

    @Override
    public void onStarted() {
        status.complete(null);
    }

    @Override
    public void onToken(String content) {
        long firstTokenMillis = -1;
        int thisRound;
        synchronized (this) {
            if (ended) {
                return;
            }
            if (tokens == 0) {
                metrics.firstToken(System.nanoTime() - startedNanos);
            }
            if (!roundAnswering) {
                roundAnswering = true;
                firstTokenMillis = (System.nanoTime() - roundStartedNanos) / 1_000_000;
            }
            thisRound = round;
            tokens++;
            answer.append(content);
            roundAnswer.append(content);
        }
        if (firstTokenMillis >= 0) {
            send("phase", Map.of("phase", "generating", "round", thisRound, "firstTokenMs", firstTokenMillis));
        }
        if (!trySend(SseEmitter.event().name("token").data(Map.of("content", content)))) {
            cancel("the client closed the stream");
        }
    }

    /** A rough count, on the safe side for English and French: the prompt's budget is checked with it. */
    private static final int CHARACTERS_PER_TOKEN = 4;

    /**
     * Ollama cuts a prompt longer than {@code num_ctx} from the front (the instructions and the tools first) and answers
     * anyway: the user is told, with what was sent and what Ollama read.
     */
    private void warnPromptCut(int sentTokens, Integer readTokens) {
        Map<String, Object> warning = new LinkedHashMap<>();
        warning.put("kind", "prompt-cut");
        warning.put("num_ctx", contextTokens);
        warning.put("sent_tokens_estimate", sentTokens);
        warning.put("prompt_eval_count", readTokens);
        warning.put("detail", "the conversation is longer than the model's context (" + contextTokens
                + " tokens): Ollama dropped its beginning; start a new conversation or raise nexusai.ai.ollama.max-context");
        send("warning", warning);
    }

    @Override
    public void onDone(GenerationStats stats, List<ToolCall> calls) {
        int sentTokens;
        synchronized (this) {
            sentTokens = roundPromptTokens;
        }
        // a window filled to the brim was cut (comparing with what was sent would mislead: a prompt whose beginning
        // Ollama had cached from the round before is reported without it)
        if (stats.promptEvalCount() != null && sentTokens <= contextTokens && stats.promptEvalCount() >= contextTokens * 0.98) {
            warnPromptCut(sentTokens, stats.promptEvalCount());
        }
        boolean useTools;
        synchronized (this) {
            useTools = !calls.isEmpty() && tooling.on() && round < tooling.rounds() && !ended;
            if (useTools) {
                stream = null; // this round is over: a cancel now ends the generation without an upstream request to abort
            }
        }
        if (useTools) {
            // the tools read databases and files: not on the HTTP client's threads
            Thread.ofVirtual().name("chat-tools-" + id).start(() -> runTools(calls));
            return;
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("done_reason", stats.doneReason());
        done.put("eval_count", stats.evalCount());
        done.put("eval_duration", stats.evalDurationNanos());
        done.put("prompt_eval_count", stats.promptEvalCount());
        done.put("total_duration", stats.totalDurationNanos());
        done.put("tokens_per_second", stats.tokensPerSecond());
        synchronized (this) {
            done.put("rounds", round);
            done.put("tool_calls", toolCalls);
        }
        if (!calls.isEmpty()) {
            done.put("unanswered_tool_calls", calls.stream().map(ToolCall::name).toList()); // out of rounds, or no tools offered
        }
        end("complete", stats, "done", done);
    }

    /** Runs the round's tool calls, tells the client each step, and asks the model again with their results. */
    private void runTools(List<ToolCall> calls) {
        int thisRound;
        synchronized (this) {
            if (ended) {
                return;
            }
            thisRound = round;
            turns.add(ChatTurn.askingFor(roundAnswer.toString(), calls));
        }
        for (ToolCall call : calls) {
            ChatToolbox.Step step = tooling.run(thisRound, call);
            synchronized (this) {
                if (ended) {
                    return;
                }
                toolCalls++;
                turns.add(ChatTurn.toolResult(call.name(), step.result()));
            }
            if (!trySend(SseEmitter.event().name("step").data(step))) {
                cancel("the client closed the stream");
                return;
            }
        }
        try {
            ask();
        } catch (RuntimeException e) {
            onFailure(new ChatFailure(ChatFailure.Kind.UPSTREAM_ERROR, ProblemText.of("ollama.notSent", e.getMessage()),
                    ProblemText.of("ollama.notSent.fix")));
        }
    }

    @Override
    public void onFailure(ChatFailure failure) {
        if (status.completeExceptionally(new ProblemException(failure.kind().status(), failure.detailText(), failure.fixText(), null))) {
            endQuietly();
            metrics.ended("refused");
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", failure.kind().status().value());
        error.put("detail", failure.detail());
        if (failure.fix() != null) {
            error.put("fix", failure.fix());
        }
        end(failure.kind().messageStatus(), null, "error", error);
    }

    /** Stops the generation now (aborting the request to Ollama); false if it had already ended. */
    boolean cancel(String reason) {
        OllamaChatClient.Stream current;
        synchronized (this) {
            if (ended) {
                return false;
            }
            current = stream;
        }
        if (current != null && !current.cancel()) {
            return false;
        }
        if (status.completeExceptionally(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "The chat was stopped: " + reason, null))) {
            endQuietly();
            return true;
        }
        end("cancelled", null, "cancelled", Map.of("reason", reason));
        return true;
    }

    /** Before the stream was opened: nothing reached the client and nothing is stored. */
    private void endQuietly() {
        if (markEnded()) {
            onEnd.accept(this);
        }
    }

    private void end(String messageStatus, GenerationStats stats, String event, Map<String, Object> data) {
        if (!markEnded()) {
            return;
        }
        String content;
        synchronized (this) {
            content = answer.toString();
        }
        UUID answerId = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>(data);
        payload.put("messageId", answerId);
        try {
            conversations.store(new Conversations.Exchange(conversationId, newConversation, owner, model, UUID.randomUUID(), userMessage,
                    answerId, content, messageStatus, stats, id));
        } catch (RuntimeException e) {
            log.error("Chat {}: the exchange could not be stored", id, e);
            event = "error";
            // the driver's words name tables and statements: they go to the log, not to the client
            payload = new LinkedHashMap<>(Map.of("status", 503, "detail", "the answer could not be saved in the database",
                    "fix", "check the database (health component db); the server log has the details under chat " + id));
        }
        metrics.ended(messageStatus);
        trySend(SseEmitter.event().name(event).data(payload));
        onEnd.accept(this);
        emitter.complete();
    }

    private synchronized boolean markEnded() {
        if (ended) {
            return false;
        }
        ended = true;
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        return true;
    }

    private void send(String name, Object data) {
        trySend(SseEmitter.event().name(name).data(data));
    }

    private boolean trySend(SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            synchronized (this) {
                lastSendNanos = System.nanoTime();
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }
}
