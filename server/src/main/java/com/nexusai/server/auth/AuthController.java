package com.nexusai.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/auth}: sign in with a user name and password, refresh, sign out. */
@Tag(name = "Authentication")
@RestController
@RequestMapping("/api/auth")
class AuthController {

    record LoginRequest(
            @NotBlank @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username,
            @NotBlank @Size(max = 256) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @Operation(summary = "Signs in: an access token and a refresh token")
    @PostMapping("/login")
    AuthService.Tokens login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return auth.login(request.username(), request.password(), http.getRemoteAddr());
    }

    @Operation(summary = "Trades a refresh token for new tokens (each refresh token is used once)")
    @PostMapping("/refresh")
    AuthService.Tokens refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        return auth.refresh(request.refreshToken(), http.getRemoteAddr());
    }

    @Operation(summary = "Signs out: the session's tokens are revoked")
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt token, HttpServletRequest http) {
        auth.logout(token.getSubject(), token.getClaimAsString(AccessTokens.SESSION_CLAIM), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }
}
