package dev.cairn.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one error format (RFC 9457 {@code application/problem+json}), used by controllers and filters alike. */
@Component
public class ProblemWriter {
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_PREFIX = "urn:cairn:problem:";

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> body(HttpStatusCode status, String slug, String detail, List<FieldError> errors,
                                    HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + slug);
        HttpStatus known = HttpStatus.resolve(status.value());
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status.value());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (request != null) {
            body.put("instance", request.getRequestURI());
        }
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    public Map<String, Object> body(ApiException e, HttpServletRequest request) {
        return body(e.status(), e.slug(), e.getMessage(), e.errors(), request);
    }

    /** For filters that answer before any controller runs. */
    public void write(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        write(request, response, e.status(), body(e, request));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
                      Map<String, Object> body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
