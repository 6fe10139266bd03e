package com.nexusai.server.support;

import java.nio.file.Path;
import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Embedded mode for a test context: its own data directory and any free ports. */
public final class EmbeddedTestSettings {

    private EmbeddedTestSettings() {
    }

    public static void register(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("nexusai.data-dir", dataDir::toString);
        for (String port : List.of("postgres.port", "redis.port", "kafka.port", "kafka.controller-port", "s3.port")) {
            registry.add("nexusai.embedded." + port, () -> "0");
        }
        for (String exporter : List.of("postgres", "redis", "kafka")) {
            registry.add("nexusai.exporters." + exporter + ".port", () -> "0");
        }
    }
}
