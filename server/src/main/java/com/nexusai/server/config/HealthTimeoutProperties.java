package com.nexusai.server.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.health.timeout}: how long one health component may take before it is reported DOWN.
 *
 * @param timeout the longest one health component may take; it is DOWN after that
 */
@ConfigurationProperties("nexusai.health")
public record HealthTimeoutProperties(@DefaultValue("2s") Duration timeout) {
}
