package com.nexusai.server.ai;

import java.util.List;
import java.util.UUID;

import com.nexusai.server.auth.Role;
import com.nexusai.server.web.ProblemLanguage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /api/ai/chat} streams the answer as server-sent events (see {@link Generation});
 * {@code X-Accel-Buffering: no} keeps nginx-style proxies from holding tokens back.
 * {@code GET/DELETE /api/ai/generations} lists and cancels running answers; {@code GET /api/ai/models}
 * lists Ollama's models.
 */
@Tag(name = "AI chat")
@RestController
@RequestMapping("/api/ai")
class ChatController {

    private final ChatService chats;
    private final ModelCatalog models;

    ChatController(ChatService chats, ModelCatalog models) {
        this.chats = chats;
        this.models = models;
    }

    @Operation(summary = "Asks the model; the answer streams as server-sent events")
    @PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SseEmitter> chat(@RequestBody ChatService.ChatRequest request, Authentication user, HttpServletRequest http) {
        SseEmitter stream = chats.chat(user, request, ProblemLanguage.of(http));
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .cacheControl(CacheControl.noStore())
                .header("X-Accel-Buffering", "no")
                .body(stream);
    }

    @Operation(summary = "Lists the caller's generations in progress")
    @GetMapping("/generations")
    List<Generation.Summary> running(Authentication user) {
        return chats.running(user.getName(), Role.ADMIN.heldBy(user));
    }

    @Operation(summary = "Cancels one of the caller's generations")
    @DeleteMapping("/generations/{id}")
    ResponseEntity<Void> cancel(@PathVariable UUID id, Authentication user) {
        chats.cancel(id, user.getName(), Role.ADMIN.heldBy(user));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Lists the models Ollama offers and the one in use")
    @GetMapping("/models")
    ModelCatalog.Models models() {
        return models.list();
    }
}
