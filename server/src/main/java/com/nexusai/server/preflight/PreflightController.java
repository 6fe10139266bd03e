package com.nexusai.server.preflight;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/preflight} (ADMIN): the same checks as {@code --preflight}, on the running server's host and configuration. */
@Tag(name = "Operations")
@RestController
class PreflightController {

    private final Environment environment;

    PreflightController(Environment environment) {
        this.environment = environment;
    }

    @Operation(summary = "Checks every dependency the server needs and says what does not answer")
    @GetMapping("/api/admin/preflight")
    Map<String, Object> preflight() {
        List<Preflight.Check> checks = new Preflight(environment).run();
        return Map.of("ready", !Preflight.failed(checks), "checks", checks);
    }
}
