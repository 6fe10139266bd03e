package com.nexusai.server.auth;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops the start before anything connects when a configured JWT secret is too short to sign
 * tokens safely. (A missing JWT_SECRET in prod is reported with the other missing variables; in
 * embedded mode a strong secret is generated.)
 */
public final class JwtSecretCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("nexusai.security.jwt.secret-file") != null) {
            return; // read and checked when the key ring starts
        }
        String secret;
        try {
            secret = environment.getProperty("nexusai.security.jwt.secret");
        } catch (IllegalArgumentException unresolved) {
            return; // ${JWT_SECRET} unset: the required-variables check names it
        }
        if (secret == null || secret.isBlank()) {
            return;
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < JwtProperties.MIN_SECRET_BYTES) {
            throw new InvalidJwtSecretException("JWT_SECRET (nexusai.security.jwt.secret) is " + bytes
                    + " bytes long; it must be at least " + JwtProperties.MIN_SECRET_BYTES);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
