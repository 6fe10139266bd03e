package com.nexusai.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/auth}: sign in with a user name and password, refresh, sign out. */
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

    @PostMapping("/login")
    AuthService.Tokens login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return auth.login(request.username(), request.password(), http.getRemoteAddr());
    }

    @PostMapping("/refresh")
    AuthService.Tokens refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        return auth.refresh(request.refreshToken(), http.getRemoteAddr());
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt token, HttpServletRequest http) {
        auth.logout(token.getSubject(), token.getClaimAsString(AccessTokens.SESSION_CLAIM), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }
}
