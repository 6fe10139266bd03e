package com.nexusai.server.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator: {@code nexusai.admin.initial-password} comes from
 * {@code NEXUSAI_ADMIN_PASSWORD} and is used only when no user {@code admin} exists yet.
 *
 * @param username the name of the first administrator, created at the first start
 * @param initialPassword its password (NEXUSAI_ADMIN_PASSWORD, at least 12 characters); empty in embedded mode: one is generated into the data directory's secrets
 */
@ConfigurationProperties("nexusai.admin")
public record AdminProperties(@DefaultValue("admin") String username, String initialPassword) {

    public static final int MIN_PASSWORD_LENGTH = 12;
}
