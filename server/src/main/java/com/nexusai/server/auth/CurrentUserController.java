package com.nexusai.server.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users/me}: who am I, and changing my own password (which signs me out everywhere). */
@Tag(name = "Users")
@RestController
@RequestMapping("/api/users/me")
class CurrentUserController {

    record ChangePassword(@NotBlank @Size(max = 256) String currentPassword,
            @NotBlank @Size(min = UserService.MIN_PASSWORD_LENGTH, max = 256) String newPassword) {
    }

    private final UserService users;

    CurrentUserController(UserService users) {
        this.users = users;
    }

    @Operation(summary = "Reads the signed-in user")
    @GetMapping
    UserService.UserView me(Authentication user) {
        return users.get(user.getName());
    }

    @Operation(summary = "Changes the signed-in user's password")
    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody ChangePassword request, Authentication user) {
        users.changeOwnPassword(user.getName(), request.currentPassword(), request.newPassword());
        return ResponseEntity.noContent().build();
    }
}
