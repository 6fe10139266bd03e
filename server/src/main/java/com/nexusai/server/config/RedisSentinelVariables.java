package com.nexusai.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * env.sh's Redis Sentinel variables as Spring's standard settings: with {@code REDIS_SENTINEL_MASTER} (the
 * master's name in Sentinel) and {@code REDIS_SENTINEL_NODES} ({@code host:port,...}), the server finds the
 * master through Sentinel and follows it across failovers ({@code spring.data.redis.sentinel.*}); {@code
 * REDIS_SENTINEL_PASSWORD} when the Sentinels themselves require one. Without them Redis is the standalone
 * {@code REDIS_HOST}, which Sentinel makes unnecessary. Runs before {@link RequiredEnvironmentCheck}.
 */
public final class RedisSentinelVariables implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "env.sh Redis Sentinel";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String master = environment.getProperty("REDIS_SENTINEL_MASTER", "").strip();
        if (master.isEmpty()) {
            return;
        }
        String nodes = environment.getProperty("REDIS_SENTINEL_NODES", "").strip();
        if (nodes.isEmpty()) {
            throw new MissingConfigurationException("REDIS_SENTINEL_NODES", "spring.data.redis.sentinel.nodes, since REDIS_SENTINEL_MASTER is set");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.data.redis.sentinel.master", master);
        settings.put("spring.data.redis.sentinel.nodes", nodes);
        String sentinelPassword = environment.getProperty("REDIS_SENTINEL_PASSWORD", "");
        if (!sentinelPassword.isEmpty()) {
            settings.put("spring.data.redis.sentinel.password", sentinelPassword);
        }
        // the standalone address is not used with Sentinel; set, so that REDIS_HOST is not asked for
        settings.put("spring.data.redis.host", nodes.split(",")[0].strip().replaceFirst(":\\d+$", ""));
        PropertySources.addBelowCommandLine(environment, new MapPropertySource(SOURCE, settings));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
