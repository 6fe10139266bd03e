package com.nexusai.core.preflight;

import java.io.IOException;
import java.util.List;

import com.nexusai.core.api.Json;
import com.nexusai.core.api.NexusClient;

/** {@code GET /api/admin/preflight}: the checks, run now on the server's host and configuration. */
public interface PreflightApi {

    List<PreflightCheck> run() throws IOException, InterruptedException;

    static PreflightApi over(NexusClient client) {
        return () -> client.getJson("/api/admin/preflight").path("checks").valueStream().map(check -> new PreflightCheck(Json.text(check, "name"),
                Json.text(check, "status"), Json.text(check, "found"), Json.text(check, "expected"), Json.text(check, "advice"))).toList();
    }
}
