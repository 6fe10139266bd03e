package com.nexusai.server.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem answer says which language it is in ({@code Content-Language}), whichever handler wrote it: the
 * language {@link ProblemLanguage} chose from the request, which the detail was said in.
 */
@RestControllerAdvice
class ProblemLanguageAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail && !response.getHeaders().containsHeader(HttpHeaders.CONTENT_LANGUAGE)) {
            response.getHeaders().set(HttpHeaders.CONTENT_LANGUAGE,
                    ProblemLanguage.of(request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE)).toLanguageTag());
        }
        return body;
    }
}
