package com.nexusai.server.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The path and every query parameter are held to {@link TextInput}'s rules before any other part of
 * the server sees them: a NUL in {@code ?name=} or in a path segment is a 400 naming the parameter, not
 * a database error. The query string is read here, never the body (a form body is refused elsewhere).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestTextFilter extends OncePerRequestFilter {

    /** Longer than any name, id or filter the API takes; Tomcat's header limit bounds the rest. */
    static final int MAX_PARAMETER_LENGTH = 2048;

    private final ProblemResponses problems;

    RequestTextFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemText refusal = pathProblem(request.getRequestURI());
        if (refusal == null) {
            refusal = queryProblem(request.getQueryString());
        }
        if (refusal != null) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    private static ProblemText pathProblem(String rawPath) {
        String path = decode(rawPath.replace("+", "%2B"));
        if (path == null) {
            return ProblemText.of("input.field", "path", ProblemText.of("text.encoding"));
        }
        ProblemText problem = TextInput.problem(path);
        return problem == null ? null : ProblemText.of("input.field", "path", problem);
    }

    static ProblemText queryProblem(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name == null) {
                return ProblemText.of("input.field", "query", ProblemText.of("text.encoding"));
            }
            if (value == null) {
                return ProblemText.of("input.field", printable(name), ProblemText.of("text.encoding"));
            }
            ProblemText nameProblem = TextInput.problem(name);
            if (nameProblem != null) {
                return ProblemText.of("input.field", "query", ProblemText.of("text.parameterName", nameProblem));
            }
            ProblemText problem = TextInput.problem(value);
            if (problem != null) {
                return ProblemText.of("input.field", printable(name), problem);
            }
            if (value.length() > MAX_PARAMETER_LENGTH) {
                return ProblemText.of("input.field", printable(name), ProblemText.of("text.tooLong", MAX_PARAMETER_LENGTH));
            }
        }
        return null;
    }

    /** URL decoding that refuses what is not UTF-8 (URLDecoder would make it U+FFFD); null when refused. */
    private static String decode(String encoded) {
        String latin;
        try {
            latin = URLDecoder.decode(encoded, StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A parameter name as the answer may repeat it: short, letters, digits and a few marks. */
    private static Object printable(String name) {
        return name.matches("[A-Za-z0-9._-]{1,64}") ? name : ProblemText.of("text.someParameter");
    }
}
