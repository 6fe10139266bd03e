package com.nexusai.server.web;

import java.util.stream.Collectors;

import com.nexusai.server.auth.AuthenticationFailedException;
import com.nexusai.server.auth.TooManyAttemptsException;
import com.nexusai.server.storage.StorageUnavailableException;
import com.nexusai.server.storage.UploadTooLargeException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * The user's mistakes become 4xx problem details with a message a person can act on. The request
 * body is never echoed back (it may hold a password).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private final tools.jackson.databind.json.JsonMapper json;

    ApiExceptionHandler(tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(AuthenticationFailedException.class)
    ProblemDetail authenticationFailed(AuthenticationFailedException failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, failure.getMessage());
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException failure) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfter().toSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, failure.getMessage()));
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ProblemDetail storageUnavailable(StorageUnavailableException failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage());
    }

    @ExceptionHandler(UploadTooLargeException.class)
    ResponseEntity<Object> uploadTooLarge(UploadTooLargeException failure) {
        return refuseUnreadBody(failure.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException failure, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return refuseUnreadBody("The file is larger than this server accepts (nexusai.storage.max-upload-size)");
    }

    /**
     * 413 while the client may still be sending: the server will not read the rest and closes the
     * connection, so the answer goes out whole (with its length, not chunked) before that.
     */
    private ResponseEntity<Object> refuseUnreadBody(String detail) {
        byte[] body = json.writeValueAsBytes(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .contentLength(body.length).header(HttpHeaders.CONNECTION, "close").body(body);
    }

    @ExceptionHandler(ProblemException.class)
    ProblemDetail problem(ProblemException failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(failure.status(), failure.getMessage());
        if (failure.fix() != null) {
            problem.setProperty("fix", failure.fix());
        }
        return problem;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, failure.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, failure.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException failure) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, failure.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = failure.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted().collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? "The request is not valid" : detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
            }
            if (cause instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty()) {
                String field = invalid.getPath().stream().map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
                return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        field + ": not a valid " + invalid.getTargetType().getSimpleName()));
            }
        }
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not the JSON this endpoint takes"));
    }
}
