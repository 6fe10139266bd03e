package com.nexusai.server.web;

import org.springframework.http.HttpStatus;

/** The detail of an error the container answered before any controller could say more. */
final class ProblemTexts {

    private ProblemTexts() {
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is not valid HTTP, or its path or parameters are not allowed";
            case UNAUTHORIZED -> "Sign in first: send an access token (Authorization: Bearer ...)";
            case FORBIDDEN -> "Your role does not allow this operation";
            case NOT_FOUND -> "There is nothing at this address";
            case METHOD_NOT_ALLOWED -> "This address does not take this method";
            case CONTENT_TOO_LARGE -> "The request body is larger than this server takes";
            case URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request line or its headers are larger than this server takes";
            case UNSUPPORTED_MEDIA_TYPE -> "This endpoint takes application/json";
            case SERVICE_UNAVAILABLE -> "The server is not ready or a service it needs is down";
            default -> status.is5xxServerError() ? "The server failed to answer this request; its log has the details"
                    : status.getReasonPhrase();
        };
    }
}
