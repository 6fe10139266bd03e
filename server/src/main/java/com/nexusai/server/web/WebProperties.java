package com.nexusai.server.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code nexusai.web.*}: the largest request body outside file uploads, and the addresses of the load
 * balancers whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed (CIDR blocks;
 * {@code NEXUSAI_TRUSTED_PROXIES} in {@code env.sh}).
 *
 * @param maxBody the largest request body outside file uploads; a larger one is refused with 413 before it is read
 * @param trustedProxies the CIDR blocks of the load balancers whose X-Forwarded-For and X-Forwarded-Proto are believed
 */
@ConfigurationProperties("nexusai.web")
public record WebProperties(
        @DefaultValue("64KB") DataSize maxBody,
        @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> trustedProxies) {
}
