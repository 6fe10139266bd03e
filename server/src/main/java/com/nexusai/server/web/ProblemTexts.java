package com.nexusai.server.web;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/** The detail of an error the container answered before any controller could say more, in the request's language. */
final class ProblemTexts {

    private ProblemTexts() {
    }

    static String detail(HttpStatus status, Locale language) {
        String key = switch (status) {
            case BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONTENT_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
                 SERVICE_UNAVAILABLE -> "status." + status.value();
            case URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> "status.headersTooLarge";
            default -> status.is5xxServerError() ? "status.5xx" : null;
        };
        return key == null ? status.getReasonPhrase() : ProblemText.of(key).in(language);
    }
}
