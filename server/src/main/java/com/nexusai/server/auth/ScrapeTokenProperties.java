package com.nexusai.server.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nexusai.security.scrape-token} (NEXUSAI_SCRAPE_TOKEN): the bearer token Prometheus sends
 * to read {@code /actuator/prometheus}, and nothing else. Generated under the data directory in
 * embedded mode when unset.
 *
 * @param scrapeToken the bearer token Prometheus sends (NEXUSAI_SCRAPE_TOKEN)
 */
@ConfigurationProperties("nexusai.security")
public record ScrapeTokenProperties(String scrapeToken) {
}
