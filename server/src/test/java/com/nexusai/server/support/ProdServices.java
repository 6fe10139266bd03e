package com.nexusai.server.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nexusai.server.NexusAiServer;
import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.EmbeddedSettings;
import com.nexusai.server.platform.Secrets;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * Embedded servers started on their own, standing in for the production PostgreSQL, Redis, Kafka and
 * MinIO, and servers in the prod profile that reach them only through the guide's variables.
 */
public final class ProdServices implements AutoCloseable {

    private final EmbeddedPlatform services;
    private final String jwtSecret = Secrets.randomToken(64);
    private final String adminPassword = "prod-admin-" + Secrets.newPassword();

    private ProdServices(EmbeddedPlatform services) {
        this.services = services;
    }

    public static ProdServices start(Path dir) {
        return new ProdServices(EmbeddedPlatform.start(new EmbeddedSettings.Resolved(dir, new EmbeddedSettings(true,
                Duration.ofMinutes(2), new EmbeddedSettings.Postgres(0, "nexusai_prod", 100), new EmbeddedSettings.Redis(0),
                new EmbeddedSettings.Kafka(0, 0, DataSize.ofMegabytes(256), 1), new EmbeddedSettings.S3(0))), 0));
    }

    public EmbeddedPlatform platform() {
        return services;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The guide's variables for these services (every instance shares the JWT secret, as in production). */
    public Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("DB_HOST", "127.0.0.1"),
                Map.entry("DB_PORT", Integer.toString(services.postgres().port())),
                Map.entry("DB_NAME", "nexusai_prod"),
                Map.entry("DB_USER", services.postgres().username()),
                Map.entry("DB_PASSWORD", services.postgres().password()),
                Map.entry("REDIS_HOST", "127.0.0.1"),
                Map.entry("REDIS_PORT", Integer.toString(services.redis().port())),
                Map.entry("REDIS_PASSWORD", services.redis().password()),
                Map.entry("KAFKA_SERVERS", services.kafka().bootstrapServers()),
                Map.entry("JWT_SECRET", jwtSecret),
                Map.entry("MINIO_ENDPOINT", services.s3().url()),
                Map.entry("MINIO_ACCESS_KEY", services.s3().accessKey()),
                Map.entry("MINIO_SECRET_KEY", services.s3().secretKey()),
                Map.entry("OLLAMA_URL", "http://127.0.0.1:9"),
                Map.entry("NEXUSAI_ADMIN_PASSWORD", adminPassword));
    }

    /** A server in the prod profile against these services, on a free port, with {@code extraArgs} ({@code --name=value}). */
    public ConfigurableApplicationContext startServer(String... extraArgs) {
        List<String> args = new ArrayList<>();
        environment().forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(NexusAiServer.class).profiles("prod").run(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        services.close();
    }
}
