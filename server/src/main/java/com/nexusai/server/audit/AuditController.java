package com.nexusai.server.audit;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/audit} (ADMIN): the security audit trail, newest first. */
@Tag(name = "Security")
@RestController
@RequestMapping("/api/admin/audit")
class AuditController {

    private final SecurityAuditLog audit;

    AuditController(SecurityAuditLog audit) {
        this.audit = audit;
    }

    @Operation(summary = "Reads the security audit log")
    @GetMapping
    List<SecurityEvent> events(@RequestParam(required = false) SecurityEventType type,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @RequestParam(defaultValue = "100") int limit) {
        return audit.find(type, username, since, Math.clamp(limit, 1, 1000));
    }
}
