package com.nexusai.server.ai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.web.BadRequestException;
import com.nexusai.server.web.ConflictException;
import com.nexusai.server.web.NotFoundException;
import com.nexusai.server.web.ProblemException;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Starts chats and keeps the running ones, so that they can be listed and cancelled (from any node,
 * through {@link CancelBroadcast}). One generation
 * at a time per conversation. When the server stops, every running generation is cancelled first
 * (a lifecycle that stops before the web server's graceful shutdown, which would otherwise wait for
 * the streams), so each is stored with what it had generated.
 */
@Service
class ChatService implements SmartLifecycle {

    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");

    private final OllamaChatClient client;
    private final Conversations conversations;
    private final ChatMetrics metrics;
    private final OllamaProperties ollama;
    private final ChatProperties properties;
    private final ChatTimers timers;
    private final Map<UUID, Generation> running = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> busyConversations = new ConcurrentHashMap<>();
    private final CancelBroadcast broadcast;
    private final ChatToolbox toolbox;
    private final ContextWindow contextWindow;
    private volatile boolean accepting;

    ChatService(OllamaChatClient client, Conversations conversations, ChatMetrics metrics, OllamaProperties ollama,
            ChatProperties properties, ChatTimers timers, CancelBroadcast broadcast, ChatToolbox toolbox,
            ContextWindow contextWindow) {
        this.toolbox = toolbox;
        this.contextWindow = contextWindow;
        this.client = client;
        this.conversations = conversations;
        this.metrics = metrics;
        this.ollama = ollama;
        this.properties = properties;
        this.timers = timers;
        this.broadcast = broadcast;
        broadcast.answerWith(request -> cancelHere(request.generationId(), request.user(), request.admin()));
    }

    /** {@code tools}: the model may call the read-only tools ({@link ReadOnlyTools}) with the caller's rights. */
    record ChatRequest(UUID conversationId, String message, String model, Boolean tools) {

        ChatRequest(UUID conversationId, String message, String model) {
            this(conversationId, message, model, null);
        }

        boolean withTools() {
            return Boolean.TRUE.equals(tools);
        }
    }

    /** What the model is told when it has tools: what they are for, and that actions are the user's to run. */
    static final String INVESTIGATOR = """
            You help the operator of one NexusAI platform find the cause of a problem. Read the live evidence with your tools \
            before you answer: run_analyzers first, then the tools that look closer. Name the cause with its evidence, and the \
            next step from the runbook. You cannot change anything: when an action is needed, propose it with propose_action, \
            and the user decides. Answer in the language of the user's message.""";

    /**
     * Sends {@code request.message} (in its conversation, or a new one) and returns the stream of the
     * answer, once Ollama accepted the request or {@code statusWait} is over. Ollama's refusal within
     * that wait is thrown as a problem (404 model missing, 503 unreachable, ...).
     */
    SseEmitter chat(Authentication caller, ChatRequest request, Locale locale) {
        String user = caller.getName();
        String message = validMessage(request.message());
        String model = validModel(request.model());
        if (!accepting) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "The server is stopping", "send the message again in a moment");
        }
        boolean newConversation = request.conversationId() == null;
        UUID conversationId = newConversation ? UUID.randomUUID() : request.conversationId();
        ChatTooling tooling = request.withTools()
                ? new ChatTooling(toolbox, caller, locale, toolbox.definitionsFor(caller), properties.toolRounds())
                : ChatTooling.NONE;
        List<ChatTurn> turns = new ArrayList<>();
        if (tooling.on()) {
            turns.add(ChatTurn.system(INVESTIGATOR));
        }
        if (!newConversation) {
            conversations.get(conversationId, user, false);
            turns.addAll(conversations.history(conversationId, properties.historyLimit()));
        }
        turns.add(ChatTurn.user(message));

        SseEmitter emitter = new SseEmitter(0L);
        Generation generation = new Generation(conversationId, newConversation, user, model, message, emitter, conversations, metrics,
                this::forget, tooling);
        if (busyConversations.putIfAbsent(conversationId, generation.id()) != null) {
            throw new ConflictException(ProblemText.of("chat.busy", conversationId));
        }
        running.put(generation.id(), generation);
        emitter.onCompletion(() -> generation.cancel("the client closed the stream"));
        emitter.onError(error -> generation.cancel("the client closed the stream"));
        long quietNanos = properties.keepAlive().toNanos();
        generation.keepAlive(timers.every(properties.keepAlive(), () -> generation.ping(quietNanos)));
        try {
            generation.begin(client, turns, contextWindow.tokensFor(model));
        } catch (RuntimeException e) {
            generation.onFailure(new ChatFailure(ChatFailure.Kind.UPSTREAM_ERROR, ProblemText.of("ollama.notSent", e.getMessage()),
                    ProblemText.of("ollama.notSent.fix")));
        }
        awaitStatus(generation);
        return emitter;
    }

    private void awaitStatus(Generation generation) {
        try {
            generation.status().get(properties.statusWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            // Ollama is slow to answer (often a model loading): open the stream now; later errors arrive as events
            generation.status().complete(null);
            generation.status().join();
        } catch (ExecutionException refused) {
            throw (RuntimeException) refused.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            generation.cancel("the request was interrupted");
            throw new CompletionException(e);
        }
    }

    /** The running generations: the user's own, or all for an admin. */
    List<Generation.Summary> running(String user, boolean admin) {
        return running.values().stream().filter(g -> admin || g.owner().equals(user)).map(Generation::summary)
                .sorted(Comparator.comparing(Generation.Summary::startedAt)).toList();
    }

    /**
     * Cancels a running generation of the user's (any, for an admin), on this node or another one;
     * someone else's is "not found".
     */
    void cancel(UUID generationId, String user, boolean admin) {
        Optional<CancelBroadcast.Outcome> outcome = cancelHere(generationId, user, admin);
        if (outcome.isEmpty()) {
            outcome = broadcast.ask(generationId, user, admin);
        }
        if (outcome.orElse(CancelBroadcast.Outcome.FORBIDDEN) != CancelBroadcast.Outcome.CANCELLED) {
            throw new NotFoundException(ProblemText.of("chat.noGeneration", generationId));
        }
    }

    private Optional<CancelBroadcast.Outcome> cancelHere(UUID generationId, String user, boolean admin) {
        Generation generation = running.get(generationId);
        if (generation == null) {
            return Optional.empty();
        }
        if (!(admin || generation.owner().equals(user))) {
            return Optional.of(CancelBroadcast.Outcome.FORBIDDEN);
        }
        return generation.cancel("cancelled by " + user) ? Optional.of(CancelBroadcast.Outcome.CANCELLED) : Optional.empty();
    }

    /** Cancels the conversation's running generation, if any, before the conversation is deleted. */
    void delete(UUID conversationId, String user, boolean admin) {
        conversations.get(conversationId, user, admin);
        UUID generationId = busyConversations.get(conversationId);
        Generation generation = generationId == null ? null : running.get(generationId);
        if (generation != null) {
            generation.cancel("the conversation was deleted");
        }
        conversations.delete(conversationId, user, admin);
    }

    private void forget(Generation generation) {
        running.remove(generation.id());
        busyConversations.remove(generation.conversationId(), generation.id());
    }

    private String validMessage(String message) {
        if (message == null || message.isBlank()) {
            throw new BadRequestException(ProblemText.of("chat.emptyMessage"));
        }
        if (message.length() > properties.maxMessageLength()) {
            throw new BadRequestException(ProblemText.of("chat.longMessage", message.length(), properties.maxMessageLength()));
        }
        return message;
    }

    private String validModel(String model) {
        if (model == null || model.isBlank()) {
            return ollama.model();
        }
        if (!MODEL_NAME.matcher(model).matches()) {
            throw new BadRequestException(ProblemText.of("chat.badModel", model));
        }
        return model;
    }

    @Override
    public void start() {
        accepting = true;
    }

    @Override
    public void stop() {
        accepting = false;
        running.values().forEach(generation -> generation.cancel("the server is stopping"));
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }
}
