package com.nexusai.server.ai;

/** One message of a conversation as the model sees it: {@code user} or {@code assistant}. */
record ChatTurn(String role, String content) {

    static ChatTurn user(String content) {
        return new ChatTurn("user", content);
    }
}
