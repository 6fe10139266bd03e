package com.nexusai.server.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Problem-detail JSON (RFC 9457) for the errors the security filters answer before any controller. */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            java.util.Locale language = ProblemLanguage.of(request);
            String detail = failure instanceof InvalidBearerTokenException
                    ? ProblemText.of("status.401.invalidToken", failure.getMessage()).in(language)
                    : ProblemTexts.detail(HttpStatus.UNAUTHORIZED, language);
            response.setHeader("WWW-Authenticate", "Bearer");
            write(request, response, HttpStatus.UNAUTHORIZED, detail);
        };
    }

    public AccessDeniedHandler accessDenied() {
        return (request, response, denied) -> write(request, response, HttpStatus.FORBIDDEN,
                ProblemTexts.detail(HttpStatus.FORBIDDEN, ProblemLanguage.of(request)));
    }

    /** {@code detail} said in the language the request asks for. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ProblemText detail)
            throws IOException {
        write(request, response, status, detail.in(ProblemLanguage.of(request)));
    }

    /** @param detail already in the request's language */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, ProblemLanguage.of(request).toLanguageTag());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
