package com.nexusai.server.ai;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.events.DomainEvents;
import com.nexusai.server.sql.Columns;
import com.nexusai.server.sql.Where;
import com.nexusai.server.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conversations and their messages in PostgreSQL. An exchange (the user's message and the answer,
 * complete or cut short) is written in one transaction when its generation ends, with its
 * {@code chat.*} event; a request Ollama refused leaves nothing behind.
 */
@Repository
class Conversations {

    record Conversation(UUID id, String owner, String title, String model, Instant createdAt, Instant updatedAt) {
    }

    record Message(UUID id, String role, String content, String status, String model, String doneReason,
            Integer evalCount, Long evalDurationNanos, Double tokensPerSecond, Instant createdAt) {
    }

    record Page(List<Conversation> items, int page, int size, long total) {
    }

    record Transcript(Conversation conversation, List<Message> messages) {
    }

    /** What one generation produced, to be stored. {@code stats} only for a complete answer. */
    record Exchange(UUID conversationId, boolean newConversation, String owner, String model, UUID userMessageId,
            String userMessage, UUID answerId, String answer, String status, GenerationStats stats, UUID generationId) {
    }

    private static final String CONVERSATION_COLUMNS = "id, owner, title, model, created_at, updated_at";
    private static final int TITLE_LENGTH = 80;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DomainEvents events;

    Conversations(JdbcClient jdbc, TransactionTemplate transaction, DomainEvents events) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
    }

    Conversation get(UUID id, String user, boolean admin) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS + " from ai_conversations where id = ?" + (admin ? "" : " and owner = ?"))
                .params(admin ? List.of(id) : List.of(id, user)).query(Conversations::conversation).optional()
                .orElseThrow(() -> new NotFoundException(ProblemText.of("conversation.none", id)));
    }

    Page list(String user, boolean admin, String owner, int page, int size) {
        Where where = new Where().and("owner = ?", admin ? owner : user);
        long total = jdbc.sql("select count(*) from ai_conversations" + where.sql()).params(where.params()).query(Long.class).single();
        List<Conversation> items = jdbc.sql("select " + CONVERSATION_COLUMNS + " from ai_conversations" + where.sql()
                        + " order by updated_at desc, id limit ? offset ?")
                .params(where.params(size, (long) page * size)).query(Conversations::conversation).list();
        return new Page(items, page, size, total);
    }

    Transcript transcript(UUID id, String user, boolean admin) {
        Conversation conversation = get(id, user, admin);
        List<Message> messages = jdbc.sql("""
                        select id, role, content, status, model, done_reason, eval_count, eval_duration_ns, created_at
                        from ai_messages where conversation_id = ? order by position""")
                .param(id).query(Conversations::message).list();
        return new Transcript(conversation, messages);
    }

    /** The last {@code limit} messages the model should see: the user's, and the answers that were complete. */
    List<ChatTurn> history(UUID conversationId, int limit) {
        List<ChatTurn> newestFirst = jdbc.sql("""
                        select role, content from ai_messages
                        where conversation_id = ? and (role = 'user' or status = 'complete')
                        order by position desc limit ?""")
                .params(conversationId, limit).query((rs, n) -> new ChatTurn(rs.getString("role"), rs.getString("content"))).list();
        List<ChatTurn> turns = new ArrayList<>(newestFirst);
        Collections.reverse(turns);
        return turns;
    }

    void store(Exchange exchange) {
        transaction.executeWithoutResult(status -> {
            if (exchange.newConversation()) {
                jdbc.sql("insert into ai_conversations (id, owner, title, model) values (?, ?, ?, ?)")
                        .params(exchange.conversationId(), exchange.owner(), title(exchange.userMessage()), exchange.model()).update();
            } else {
                jdbc.sql("update ai_conversations set updated_at = now(), model = ? where id = ?")
                        .params(exchange.model(), exchange.conversationId()).update();
            }
            jdbc.sql("insert into ai_messages (id, conversation_id, role, content, status) values (?, ?, 'user', ?, 'complete')")
                    .params(exchange.userMessageId(), exchange.conversationId(), exchange.userMessage()).update();
            GenerationStats stats = exchange.stats();
            jdbc.sql("""
                            insert into ai_messages (id, conversation_id, role, content, status, model, done_reason, eval_count,
                                                     eval_duration_ns, prompt_eval_count, total_duration_ns)
                            values (?, ?, 'assistant', ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(exchange.answerId(), exchange.conversationId(), exchange.answer(), exchange.status(), exchange.model(),
                            stats == null ? null : stats.doneReason(), stats == null ? null : stats.evalCount(),
                            stats == null ? null : stats.evalDurationNanos(), stats == null ? null : stats.promptEvalCount(),
                            stats == null ? null : stats.totalDurationNanos())
                    .update();
            events.record("chat." + eventName(exchange.status()), "conversation", exchange.conversationId().toString(),
                    exchange.owner(), payload(exchange));
        });
    }

    /** Renames a conversation (the owner's, or any for an admin). */
    Conversation rename(UUID id, String title, String user, boolean admin) {
        Conversation conversation = get(id, user, admin);
        transaction.executeWithoutResult(status -> {
            jdbc.sql("update ai_conversations set title = ? where id = ?").params(title, id).update();
            events.record("chat.conversation-renamed", "conversation", id.toString(), user, Map.of("owner", conversation.owner()));
        });
        return get(id, user, admin);
    }

    /** Deletes a conversation with its messages (someone else's, for a non-admin, is "not found"). */
    void delete(UUID id, String user, boolean admin) {
        Conversation conversation = get(id, user, admin);
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from ai_conversations where id = ?").param(id).update();
            events.record("chat.conversation-deleted", "conversation", id.toString(), user,
                    Map.of("owner", conversation.owner()));
        });
    }

    private static String eventName(String status) {
        return switch (status) {
            case "complete" -> "completed";
            case "timed_out" -> "timed-out";
            default -> status;
        };
    }

    private static Map<String, Object> payload(Exchange exchange) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("generationId", exchange.generationId().toString());
        payload.put("messageId", exchange.answerId().toString());
        payload.put("model", exchange.model());
        payload.put("newConversation", exchange.newConversation());
        payload.put("answerLength", exchange.answer().length());
        GenerationStats stats = exchange.stats();
        if (stats != null) {
            if (stats.evalCount() != null) {
                payload.put("evalCount", stats.evalCount());
            }
            if (stats.evalDurationNanos() != null) {
                payload.put("evalDurationNanos", stats.evalDurationNanos());
            }
            if (stats.tokensPerSecond() != null) {
                payload.put("tokensPerSecond", stats.tokensPerSecond());
            }
        }
        return payload;
    }

    private static String title(String firstMessage) {
        String line = firstMessage.strip().replaceAll("\\s+", " ");
        return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1) + "…";
    }

    private static Conversation conversation(ResultSet rs, int row) throws SQLException {
        return new Conversation(rs.getObject("id", UUID.class), rs.getString("owner"), rs.getString("title"), rs.getString("model"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        Integer evalCount = rs.getObject("eval_count", Integer.class);
        Long evalDuration = rs.getObject("eval_duration_ns", Long.class);
        Double tokensPerSecond = new GenerationStats(null, evalCount, evalDuration, null, null).tokensPerSecond();
        return new Message(rs.getObject("id", UUID.class), rs.getString("role"), rs.getString("content"), rs.getString("status"),
                rs.getString("model"), rs.getString("done_reason"), evalCount, evalDuration, tokensPerSecond,
                Columns.instant(rs, "created_at"));
    }
}
