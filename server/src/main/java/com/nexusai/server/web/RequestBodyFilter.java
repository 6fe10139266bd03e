package com.nexusai.server.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body, of whatever type and from anyone, signed in or not, is held to
 * {@code nexusai.web.max-body} (default 64 KB) before anything reads it: refused with 413 at once when
 * its Content-Length says so, cut off with 413 while reading when a chunked body grows past it. Under
 * {@code /api} a body must be JSON (415 otherwise). File uploads ({@code POST /api/files}) take any type
 * and have their own size limit; they only refuse a form-encoded body, which the container would read
 * as parameters.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyFilter extends OncePerRequestFilter {

    private static final String UPLOADS = "/api/files";

    private final long maxBytes;
    private final ProblemResponses problems;

    RequestBodyFilter(WebProperties properties, ProblemResponses problems) {
        this.maxBytes = properties.maxBody().toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        long length = request.getContentLengthLong();
        if (!chunked && length <= 0) {
            chain.doFilter(request, response);
            return;
        }
        boolean upload = HttpMethod.POST.matches(request.getMethod()) && UPLOADS.equals(request.getRequestURI());
        ProblemText refusal = upload ? uploadTypeProblem(request.getContentType()) : apiTypeProblem(request);
        if (refusal != null) {
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, refusal);
            return;
        }
        if (upload) {
            chain.doFilter(request, response);
            return;
        }
        if (length > maxBytes) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge(maxBytes));
            return;
        }
        chain.doFilter(length >= 0 && !chunked ? request : new LimitedRequest(request, maxBytes), response);
    }

    private static ProblemText apiTypeProblem(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/api/")) {
            return null;
        }
        MediaType type = parse(request.getContentType());
        if (type == null || !(type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.getSubtype().endsWith("+json") && "application".equals(type.getType()))) {
            return ProblemText.of("input.field", "Content-Type", ProblemText.of("body.type.json"));
        }
        return null;
    }

    private static ProblemText uploadTypeProblem(String contentType) {
        if (contentType == null) {
            return null;
        }
        MediaType type = parse(contentType);
        if (type == null) {
            return ProblemText.of("input.field", "Content-Type", ProblemText.of("body.type.notMediaType"));
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return ProblemText.of("input.field", "Content-Type", ProblemText.of("body.type.form"));
        }
        return null;
    }

    /** The media type, or null when the header is missing, too long or not a media type. */
    private static MediaType parse(String contentType) {
        if (contentType == null || contentType.length() > 255) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType.toLowerCase(Locale.ROOT));
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    static ProblemText tooLarge(long maxBytes) {
        return ProblemText.of("body.tooLarge", maxBytes);
    }

    /** A body without Content-Length, cut off once it passes the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) throws BodyTooLargeException {
                    read += n;
                    if (read > maxBytes) {
                        throw new BodyTooLargeException(maxBytes);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }

    /** Thrown while reading a body past the limit; answered 413. */
    static final class BodyTooLargeException extends IOException {
        private final transient ProblemText text;

        BodyTooLargeException(long maxBytes) {
            this(tooLarge(maxBytes));
        }

        private BodyTooLargeException(ProblemText text) {
            super(text.english());
            this.text = text;
        }

        ProblemText text() {
            return text;
        }
    }
}
