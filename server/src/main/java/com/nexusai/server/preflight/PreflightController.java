package com.nexusai.server.preflight;

import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/preflight} (ADMIN): the same checks as {@code --preflight}, on the running server's host and configuration. */
@RestController
class PreflightController {

    private final Environment environment;

    PreflightController(Environment environment) {
        this.environment = environment;
    }

    @GetMapping("/api/admin/preflight")
    Map<String, Object> preflight() {
        List<Preflight.Check> checks = new Preflight(environment).run();
        return Map.of("ready", !Preflight.failed(checks), "checks", checks);
    }
}
