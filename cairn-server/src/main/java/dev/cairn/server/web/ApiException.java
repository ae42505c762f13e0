package dev.cairn.server.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * Every refusal the API makes. Rendered as an RFC 9457 problem by {@link ProblemWriter}; the detail is written for the
 * member's engineer and never contains submitted identifier values.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String slug;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String slug, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed",
                errors.size() == 1 ? "Invalid " + errors.getFirst().field() + ": " + errors.getFirst().reason()
                        : errors.size() + " fields are invalid", errors);
    }

    public static ApiException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    public static ApiException malformed(String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed-request", detail, errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " not found", null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail, null);
    }

    public static ApiException conflict(String slug, String detail) {
        return new ApiException(HttpStatus.CONFLICT, slug, detail, null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", detail, null);
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", detail, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
