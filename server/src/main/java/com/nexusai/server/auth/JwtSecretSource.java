package com.nexusai.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.Secrets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where the JWT master secret comes from: {@code nexusai.security.jwt.secret-file} (re-read on every
 * call, so a rotated file is picked up), else {@code nexusai.security.jwt.secret} (JWT_SECRET); in
 * embedded mode, when neither is set, a strong secret generated once under the data directory.
 */
@Component
class JwtSecretSource {

    private final JwtProperties properties;
    private final ObjectProvider<EmbeddedPlatform> embedded;

    JwtSecretSource(JwtProperties properties, ObjectProvider<EmbeddedPlatform> embedded) {
        this.properties = properties;
        this.embedded = embedded;
    }

    /** The current secret, checked: at least {@value JwtProperties#MIN_SECRET_BYTES} bytes. */
    byte[] current() {
        String secret = fromFile().or(() -> Optional.ofNullable(properties.secret()).filter(s -> !s.isBlank()))
                .or(this::generatedForEmbeddedMode)
                .orElseThrow(() -> new InvalidJwtSecretException(
                        "No JWT secret: set JWT_SECRET (nexusai.security.jwt.secret) or nexusai.security.jwt.secret-file"));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < JwtProperties.MIN_SECRET_BYTES) {
            throw new InvalidJwtSecretException("The JWT secret is " + bytes.length + " bytes long; it must be at least "
                    + JwtProperties.MIN_SECRET_BYTES + " (e.g. openssl rand -base64 64 | tr -d '\\n')");
        }
        return bytes;
    }

    private Optional<String> fromFile() {
        if (properties.secretFile() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(properties.secretFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWT secret file " + properties.secretFile() + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> generatedForEmbeddedMode() {
        return Optional.ofNullable(embedded.getIfAvailable())
                .map(platform -> platform.dataDirectory().secret("jwt-secret", () -> Secrets.randomToken(64)));
    }
}
