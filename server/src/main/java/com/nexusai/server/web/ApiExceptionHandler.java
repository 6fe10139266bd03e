package com.nexusai.server.web;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The user's mistakes become 4xx problem details with a message a person can act on. The request
 * body is never echoed back (it may hold a password).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final tools.jackson.databind.json.JsonMapper json;

    ApiExceptionHandler(tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> payloadTooLarge(PayloadTooLargeException failure, HttpServletRequest request) {
        return refuseUnreadBody(failure.text(), ProblemLanguage.of(request));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException failure, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return refuseUnreadBody(ProblemText.of("upload.tooLargeMultipart"), language(request));
    }

    /**
     * 413 while the client may still be sending: the server will not read the rest and closes the
     * connection, so the answer goes out whole (with its length, not chunked) before that.
     */
    private ResponseEntity<Object> refuseUnreadBody(ProblemText detail, Locale language) {
        byte[] body = json.writeValueAsBytes(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail.in(language)));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .contentLength(body.length).header(HttpHeaders.CONNECTION, "close")
                .header(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag()).body(body);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException failure, HttpServletRequest request) {
        Locale language = ProblemLanguage.of(request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(failure.status(), failure.detail(language));
        if (failure.fix() != null) {
            problem.setProperty("fix", failure.fix(language));
        }
        return ResponseEntity.status(failure.status()).headers(failure.headers()).header(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag())
                .body(problem);
    }

    /**
     * What the database refused about a value (too long for its column, a character it does not
     * store, a duplicate): a 4xx without the SQL or the driver's words, which name tables and columns.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail refusedByDatabase(DataIntegrityViolationException failure, HttpServletRequest request) {
        String state = DatabaseErrors.sqlState(failure);
        if (DatabaseErrors.UNIQUE_VIOLATION.equals(state)) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ProblemText.of("database.duplicate").in(ProblemLanguage.of(request)));
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, DatabaseErrors.describe(state).in(ProblemLanguage.of(request)));
    }

    /** A data-access failure: the value's fault (400), or PostgreSQL or Redis down or stalled (503 naming it). */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> dataAccessFailure(DataAccessException failure, HttpServletRequest request) {
        String state = DatabaseErrors.sqlState(failure);
        if (state != null && state.startsWith(DatabaseErrors.DATA_EXCEPTION_CLASS)) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    DatabaseErrors.describe(state).in(ProblemLanguage.of(request))));
        }
        boolean redis = failure instanceof RedisConnectionFailureException || failure instanceof RedisSystemException
                || DatabaseErrors.fromRedis(failure);
        if (!redis && !DatabaseErrors.isUnavailable(failure)) {
            return unexpected(failure, request);
        }
        return redis ? unavailable("Redis", "unavailable.redis.fix", failure, request) : databaseUnavailable(failure, request);
    }

    private ResponseEntity<ProblemDetail> databaseUnavailable(Exception failure, HttpServletRequest request) {
        return unavailable("PostgreSQL", "unavailable.postgresql.fix", failure, request);
    }

    private ResponseEntity<ProblemDetail> unavailable(String component, String fixKey, Exception failure, HttpServletRequest request) {
        log.warn("{} unavailable: {}", component, NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
        Locale language = ProblemLanguage.of(request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ProblemText.of("unavailable", component).in(language));
        problem.setProperty("fix", ProblemText.of(fixKey).in(language));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .header(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag()).body(problem);
    }

    /**
     * A transaction that could not begin because its connection could not be had: PostgreSQL stopped or unreachable
     * (a transaction reports it this way, not as a data-access failure). 503 naming it, as a stalled PostgreSQL.
     */
    @ExceptionHandler(org.springframework.transaction.CannotCreateTransactionException.class)
    ResponseEntity<ProblemDetail> transactionNotStarted(org.springframework.transaction.CannotCreateTransactionException failure,
            HttpServletRequest request) {
        if (!DatabaseErrors.isUnavailable(failure)) {
            return unexpected(failure, request);
        }
        return databaseUnavailable(failure, request);
    }

    @ExceptionHandler(MultipartException.class)
    ProblemDetail badMultipart(MultipartException failure, HttpServletRequest request) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ProblemText.of("input.multipart").in(ProblemLanguage.of(request)));
    }

    /** A method-level rule ({@code @PreAuthorize}) refused: the same answer as the URL rules give. */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException failure, HttpServletRequest request) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ProblemTexts.detail(HttpStatus.FORBIDDEN, ProblemLanguage.of(request)));
    }

    /** Anything else is our fault: logged with a reference the answer gives, never its class or message. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure (reference {})", reference, failure);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemText.of("unexpected", reference).in(ProblemLanguage.of(request)));
        problem.setProperty("reference", reference);
        return ResponseEntity.internalServerError().body(problem);
    }

    /** {@code ?limit=abc}: the parameter named, its value not repeated. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException failure, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = failure instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : failure.getPropertyName();
        Class<?> type = failure.getRequiredType();
        ProblemText expected = type != null && type.isEnum() ? ProblemText.of("input.oneOf", Arrays.toString(type.getEnumConstants()))
                : ProblemText.of("input.notValid", plainName(type));
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                ProblemText.of("input.field", name == null ? "parameter" : name, expected).in(language(request))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = failure.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted().collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? ProblemText.of("input.invalid").in(language(request)) : detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.text().in(language(request))));
            }
            if (cause instanceof MismatchedInputException invalid && !invalid.getPath().isEmpty()) {
                String path = invalid.getPath().stream().map(reference -> reference.getPropertyName() != null
                        ? "." + reference.getPropertyName() : "[" + reference.getIndex() + "]").collect(Collectors.joining());
                String field = path.startsWith(".") ? path.substring(1) : path; // roles[0], contact.email
                return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        ProblemText.of("input.field", field, reason(invalid)).in(language(request))));
            }
        }
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                ProblemText.of("input.body").in(language(request))));
    }

    /** Why a field was refused, in words that name no Java type beyond a plain one. */
    private static Locale language(WebRequest request) {
        return ProblemLanguage.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static Object reason(MismatchedInputException invalid) {
        Class<?> target = invalid.getTargetType();
        if (target != null && target.isEnum()) {
            return ProblemText.of("input.oneOfByName", Arrays.toString(target.getEnumConstants()));
        }
        if (invalid instanceof JsonInputConfiguration.RefusedTextException refused) {
            return refused.text();
        }
        return ProblemText.of("input.notValid", plainName(target));
    }

    private static ProblemText plainName(Class<?> type) {
        return ProblemText.of("type." + typeName(type));
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == UUID.class) {
            return "UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "time";
        }
        return type.isRecord() || Map.class.isAssignableFrom(type) ? "object" : "value";
    }
}
