package com.nexusai.server.platform;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points Spring Boot's data sources at the embedded servers through its ConnectionDetails beans,
 * which take precedence over {@code spring.datasource.*}, {@code spring.data.redis.*} and
 * {@code spring.kafka.*}. Each getter waits for its server. The condition is reliable on this plain
 * configuration class because the platform singleton is registered before any configuration class
 * is parsed ({@link EmbeddedPlatformInitializer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(EmbeddedPlatform.class)
class EmbeddedConnectionDetailsConfiguration {

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPlatform platform) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return platform.postgres().username();
            }

            @Override
            public String getPassword() {
                return platform.postgres().password();
            }

            @Override
            public String getJdbcUrl() {
                return platform.postgres().jdbcUrl();
            }
        };
    }

    @Bean
    DataRedisConnectionDetails embeddedRedisConnectionDetails(EmbeddedPlatform platform) {
        return new DataRedisConnectionDetails() {
            @Override
            public String getPassword() {
                return platform.redis().password();
            }

            @Override
            public Standalone getStandalone() {
                return Standalone.of(platform.redis().host(), platform.redis().port());
            }
        };
    }

    @Bean
    KafkaConnectionDetails embeddedKafkaConnectionDetails(EmbeddedPlatform platform) {
        return () -> List.of(platform.kafka().bootstrapServers());
    }
}
