package com.nexusai.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** env.sh's REDIS_SENTINEL_* variables become Spring's sentinel settings, and only when set. */
class RedisSentinelVariablesTest {

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("env.sh", variables));
        new RedisSentinelVariables().postProcessEnvironment(environment, null);
        return environment;
    }

    @Test
    void withAMasterNameTheSentinelsAreSpringsSettingsAndRedisHostIsNotNeeded() {
        StandardEnvironment environment = environment(Map.of("REDIS_SENTINEL_MASTER", "nexusai",
                "REDIS_SENTINEL_NODES", "redis1.internal:26379,redis2.internal:26379", "REDIS_SENTINEL_PASSWORD", "s3cret"));
        assertThat(environment.getProperty("spring.data.redis.sentinel.master")).isEqualTo("nexusai");
        assertThat(environment.getProperty("spring.data.redis.sentinel.nodes")).isEqualTo("redis1.internal:26379,redis2.internal:26379");
        assertThat(environment.getProperty("spring.data.redis.sentinel.password")).isEqualTo("s3cret");
        assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("redis1.internal");
    }

    @Test
    void emptyAsShippedInEnvShLeavesTheStandaloneRedis() {
        StandardEnvironment environment = environment(Map.of("REDIS_SENTINEL_MASTER", "", "REDIS_SENTINEL_NODES", ""));
        assertThat(environment.containsProperty("spring.data.redis.sentinel.master")).isFalse();
        assertThat(environment.getPropertySources().contains(RedisSentinelVariables.SOURCE)).isFalse();
    }

    @Test
    void aMasterWithoutSentinelsNamesTheMissingVariable() {
        assertThatThrownBy(() -> environment(Map.of("REDIS_SENTINEL_MASTER", "nexusai")))
                .isInstanceOf(MissingConfigurationException.class).hasMessageContaining("REDIS_SENTINEL_NODES");
    }
}
