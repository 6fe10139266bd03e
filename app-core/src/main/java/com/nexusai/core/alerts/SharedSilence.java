package com.nexusai.core.alerts;

import java.time.Instant;

/** A silence kept by the server, which every console and instance sees; {@code instance} null: every instance. */
public record SharedSilence(String id, String rule, String instance, Instant until, String reason, String createdBy, Instant createdAt) {
}
