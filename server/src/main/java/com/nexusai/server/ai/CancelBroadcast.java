package com.nexusai.server.ai;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cancels a generation that runs on another node: behind the guide's load balancer, the
 * {@code DELETE} may reach a node other than the one streaming the answer. The request goes out on
 * the Redis channel {@value #CHANNEL}; the node that has the generation cancels it (if the requester
 * may) and leaves its answer under a reply key for the requesting node, which waits for it briefly.
 */
@Component
class CancelBroadcast implements MessageListener {

    static final String CHANNEL = "nexusai:ai:cancel";
    private static final Duration REPLY_WAIT = Duration.ofSeconds(1);
    private static final Duration REPLY_KEPT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(CancelBroadcast.class);

    /** A cancel request: who asks, and where the node that has the generation answers. */
    record Request(UUID generationId, String user, boolean admin, String replyKey) {
    }

    /** What the node that has the generation did: {@code cancelled}, or {@code forbidden} (someone else's). */
    enum Outcome { CANCELLED, FORBIDDEN }

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private volatile Function<Request, Optional<Outcome>> localCancel = request -> Optional.empty();

    CancelBroadcast(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** How this node cancels one of its own generations; empty when it has none by that id. */
    void answerWith(Function<Request, Optional<Outcome>> cancel) {
        this.localCancel = cancel;
    }

    /** Asks the other nodes; empty when none had the generation (or Redis could not be asked). */
    Optional<Outcome> ask(UUID generationId, String user, boolean admin) {
        String replyKey = "nexusai:ai:cancel-reply:" + UUID.randomUUID();
        try {
            Long listeners = redis.convertAndSend(CHANNEL, json.writeValueAsString(new Request(generationId, user, admin, replyKey)));
            if (listeners == null || listeners <= 1) {
                return Optional.empty();
            }
            long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String reply = redis.opsForValue().get(replyKey);
                if (reply != null) {
                    return Optional.of(Outcome.valueOf(reply));
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not ask the other nodes to cancel generation {}: {}", generationId, e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            Request request = json.readValue(message.getBody(), Request.class);
            localCancel.apply(request).ifPresent(outcome -> redis.opsForValue().set(request.replyKey(), outcome.name(), REPLY_KEPT));
        } catch (RuntimeException e) {
            log.warn("Ignored a cancel request on {}: {}", CHANNEL, e.getMessage());
        }
    }
}
