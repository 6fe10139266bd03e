package com.nexusai.core.chat;

import java.util.List;

/** A stored conversation: its title and its messages in order. */
public record Conversation(String id, String title, List<Message> messages) {

    /** One message: {@code user} or {@code assistant}, and how an answer ended ({@code complete}, {@code cancelled}, {@code failed}). */
    public record Message(String role, String content, String status) {

        public boolean mine() {
            return "user".equals(role);
        }
    }

    /** A conversation in the list. */
    public record Summary(String id, String title) {
    }
}
