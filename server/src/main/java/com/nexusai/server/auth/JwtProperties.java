package com.nexusai.server.auth;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.security.jwt.*} (guide §2.2): the master secret, or a file holding it that is
 * re-read while the server runs; access and refresh token lifetimes (plain numbers are milliseconds).
 *
 * @param secret the master secret of token signing (JWT_SECRET), at least 64 bytes
 * @param secretFile a file holding it, re-read while the server runs (rotation without restart); wins over secret
 * @param expiration the lifetime of an access token
 * @param refreshExpiration the lifetime of a refresh token, and so of an idle session
 * @param issuer the iss claim of the tokens
 * @param keyRefresh how often the secret file is read again
 */
@ConfigurationProperties("nexusai.security.jwt")
public record JwtProperties(
        String secret,
        Path secretFile,
        @DefaultValue("86400000") Duration expiration,
        @DefaultValue("604800000") Duration refreshExpiration,
        @DefaultValue("nexusai") String issuer,
        @DefaultValue("10s") Duration keyRefresh) {

    /** HS256 with a shorter key is weak; the guide's rotation script makes 64 random bytes. */
    public static final int MIN_SECRET_BYTES = 64;
}
