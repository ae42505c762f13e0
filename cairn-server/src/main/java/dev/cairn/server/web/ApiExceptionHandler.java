package dev.cairn.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import java.util.List;
import java.util.Map;

/** Maps every failure to a problem response. Internal detail (stack traces, SQL) is logged, never returned. */
@RestControllerAdvice
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private final ProblemWriter problems;

    public ApiExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e, HttpServletRequest request) {
        return respond(e.status(), problems.body(e, request));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return api(ApiException.tooLarge(t.getMessage()), request);
            }
        }
        String detail = "Request body is not valid JSON";
        if (e.getCause() instanceof JacksonException je) {
            TokenStreamLocation loc = je.getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                detail += " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            }
        } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            detail = "Request body is required";
        }
        return api(ApiException.malformed(detail, List.of(new FieldError("(body)", detail))), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return api(ApiException.malformed("Invalid parameter " + e.getName(),
                List.of(new FieldError(e.getName(), "has the wrong format"))), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParam(MissingServletRequestParameterException e, HttpServletRequest request) {
        return api(ApiException.malformed("Missing parameter " + e.getParameterName(),
                List.of(new FieldError(e.getParameterName(), "is required"))), request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return api(ApiException.malformed("Missing header " + e.getHeaderName(),
                List.of(new FieldError(e.getHeaderName(), "header is required"))), request);
    }

    /** Spring MVC's own refusals (405, 406, 415, 404 for unknown paths...), rendered in our format. */
    private ResponseEntity<Map<String, Object>> framework(ErrorResponse er, HttpServletRequest request) {
        HttpStatusCode status = er.getStatusCode();
        String slug = switch (status.value()) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "content-too-large";
            case 415 -> "unsupported-media-type";
            default -> "request-rejected";
        };
        ResponseEntity<Map<String, Object>> response = respond(status,
                problems.body(status, slug, er.getBody().getDetail(), null, request));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        headers.putAll(er.getHeaders());
        return new ResponseEntity<>(response.getBody(), headers, status);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse er) {
            return framework(er, request);
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, problems.body(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "An internal error occurred; quote the request_id when reporting it", null, request));
    }

    private static ResponseEntity<Map<String, Object>> respond(HttpStatusCode status, Map<String, Object> body) {
        return ResponseEntity.status(status).contentType(ProblemWriter.PROBLEM_JSON).body(body);
    }
}
