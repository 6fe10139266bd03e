package com.nexusai.server.ai;

import com.nexusai.server.web.ProblemText;
import org.springframework.http.HttpStatus;

/**
 * Why a generation did not end normally: what happened, what to do about it (null: nothing), and the HTTP status that
 * says so. The answer that is refused says them in the request's language; the stream's error event and the log in English.
 */
record ChatFailure(Kind kind, ProblemText detailText, ProblemText fixText) {

    String detail() {
        return detailText.english();
    }

    String fix() {
        return fixText == null ? null : fixText.english();
    }

    enum Kind {
        /** Ollama cannot be reached at all. */
        UNREACHABLE(HttpStatus.SERVICE_UNAVAILABLE, "failed"),
        /** Ollama does not have the model. */
        MODEL_MISSING(HttpStatus.NOT_FOUND, "failed"),
        /** Ollama answered with an error, or with something that is not its protocol. */
        UPSTREAM_ERROR(HttpStatus.BAD_GATEWAY, "failed"),
        /** The stream broke before Ollama's last line. */
        INTERRUPTED(HttpStatus.BAD_GATEWAY, "failed"),
        /** No token within the timeout. */
        TIMED_OUT(HttpStatus.GATEWAY_TIMEOUT, "timed_out");

        private final HttpStatus status;
        private final String messageStatus;

        Kind(HttpStatus status, String messageStatus) {
            this.status = status;
            this.messageStatus = messageStatus;
        }

        HttpStatus status() {
            return status;
        }

        /** The {@code ai_messages.status} of the answer that was cut short this way. */
        String messageStatus() {
            return messageStatus;
        }
    }
}
