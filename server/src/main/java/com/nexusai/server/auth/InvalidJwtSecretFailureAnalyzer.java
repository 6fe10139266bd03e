package com.nexusai.server.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

final class InvalidJwtSecretFailureAnalyzer extends AbstractFailureAnalyzer<InvalidJwtSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidJwtSecretException cause) {
        return new FailureAnalysis("NexusAI cannot sign tokens safely: " + cause.getMessage() + ".",
                "Set JWT_SECRET to at least " + JwtProperties.MIN_SECRET_BYTES + " random bytes, e.g. "
                        + "JWT_SECRET=$(openssl rand -base64 64 | tr -d '\\n'), or point nexusai.security.jwt.secret-file at a file holding it.",
                cause);
    }
}
