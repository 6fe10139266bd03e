package com.nexusai.server.auth;

import com.nexusai.server.audit.SecurityAuditLog;
import com.nexusai.server.audit.SecurityEventType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/security/jwt} (ADMIN): the signing key in use, and rotating it without a restart. */
@Tag(name = "Security")
@RestController
@RequestMapping("/api/admin/security/jwt")
class KeyRotationController {

    record KeyState(int generation, String keyId) {
    }

    private final JwtKeyRing keys;
    private final SecurityAuditLog audit;

    KeyRotationController(JwtKeyRing keys, SecurityAuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @Operation(summary = "Reads the signing key in use and its generation")
    @GetMapping
    KeyState current() {
        return new KeyState(keys.generation(), keys.signingKey().getKeyID());
    }

    @Operation(summary = "Rotates the token signing key; earlier tokens stay valid until they expire")
    @PostMapping("/rotate")
    KeyState rotate(Authentication admin) {
        int generation = keys.rotate(admin.getName());
        audit.record(SecurityEventType.KEY_ROTATION, null, admin.getName(), null, "signing key generation " + generation);
        return current();
    }
}
