package com.nexusai.core.chat;

import java.io.IOException;
import java.util.List;

import com.nexusai.core.api.ChatStream;
import com.nexusai.core.api.NexusClient;

/** The server's AI chat: models, stored conversations, and answers streamed token by token. */
public interface ChatApi {

    ChatModels models() throws IOException, InterruptedException;

    /** The newest conversations, newest first. */
    List<Conversation.Summary> conversations(int size) throws IOException, InterruptedException;

    Conversation conversation(String id) throws IOException, InterruptedException;

    void rename(String id, String title) throws IOException, InterruptedException;

    void delete(String id) throws IOException, InterruptedException;

    /** Asks {@code message} in conversation {@code conversationId} (null: a new one) of {@code model} (null: the configured one). */
    ChatStream ask(String message, String conversationId, String model) throws IOException, InterruptedException;

    /** As {@link #ask(String, String, String)}; with {@code tools}, the model reads the platform with the server's read-only tools, as this user. */
    default ChatStream ask(String message, String conversationId, String model, boolean tools) throws IOException, InterruptedException {
        return ask(message, conversationId, model);
    }

    /** Runs an action the model proposed, after the user confirmed it, with the user's own rights; answers the server's reply. */
    default String run(ChatStream.Proposal proposal) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("this chat cannot run actions");
    }

    /** Cancels a generation by id (the stream's close cancels it too). */
    void cancel(String generationId) throws IOException, InterruptedException;

    static ChatApi over(NexusClient client) {
        return new HttpChatApi(client);
    }
}
