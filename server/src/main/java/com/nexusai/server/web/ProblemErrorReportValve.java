package com.nexusai.server.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error page (an HTML page naming Tomcat) for what it refuses before the application
 * sees it: a bad request line, headers too large, a bad URI. Answered as problem JSON instead.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String detail = status == null ? "The request could not be served" : ProblemTexts.detail(status, java.util.Locale.ENGLISH); // the request may not even have parsable headers
        String body = "{\"type\":\"about:blank\",\"title\":\"" + (status == null ? "Error" : status.getReasonPhrase())
                + "\",\"status\":" + code + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was already on its way: nothing more to say
        }
    }
}
