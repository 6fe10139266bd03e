package com.nexusai.server.ai;

import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.auth.Role;
import com.nexusai.server.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/ai/conversations}: a user's conversations, newest first, and one with its messages (to
 * resume it, post to {@code /api/ai/chat} with its id), renamed ({@code PATCH {"title"}}) or deleted. An admin sees
 * everyone's, {@code ?owner=} to filter.
 */
@Tag(name = "AI chat")
@RestController
@RequestMapping("/api/ai/conversations")
class ConversationController {

    private final Conversations conversations;
    private final ChatService chats;

    ConversationController(Conversations conversations, ChatService chats) {
        this.conversations = conversations;
        this.chats = chats;
    }

    @Operation(summary = "Lists the caller's conversations, newest first")
    @GetMapping
    Conversations.Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) String owner, Authentication user) {
        if (page < 0 || size < 1 || size > 500) {
            throw new BadRequestException(ProblemText.of("page.range", 500));
        }
        return conversations.list(user.getName(), Role.ADMIN.heldBy(user), owner, page, size);
    }

    @Operation(summary = "Reads one conversation with its messages")
    @GetMapping("/{id}")
    Conversations.Transcript get(@PathVariable UUID id, Authentication user) {
        return conversations.transcript(id, user.getName(), Role.ADMIN.heldBy(user));
    }

    record Rename(String title) {
    }

    @Operation(summary = "Renames a conversation")
    @PatchMapping("/{id}")
    Conversations.Conversation rename(@PathVariable UUID id, @RequestBody Rename rename, Authentication user) {
        String title = rename.title() == null ? "" : rename.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            throw new BadRequestException(ProblemText.of("conversation.title"));
        }
        return conversations.rename(id, title, user.getName(), Role.ADMIN.heldBy(user));
    }

    @Operation(summary = "Deletes a conversation")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Authentication user) {
        chats.delete(id, user.getName(), Role.ADMIN.heldBy(user));
        return ResponseEntity.noContent().build();
    }
}
