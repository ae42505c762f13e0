package dev.cairn.server.web;

import java.util.List;

/** Parsing of the query parameters that many listings share, with the same messages everywhere. */
public final class QueryParams {
    private QueryParams() {
    }

    /**
     * A position in an append-only sequence (feed, audit log): a non-negative integer, 0 when absent. Records an
     * error with {@code reason} and returns 0 when it is not one.
     */
    public static long sequence(String name, String value, String reason, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(value);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, reason));
        return 0;
    }

    /** An integer parameter within bounds; records an error and returns {@code min} when it is not one. */
    public static int bounded(String name, String value, int min, int max, List<FieldError> errors) {
        try {
            int v = Integer.parseInt(value);
            if (v < min || v > max) {
                errors.add(new FieldError(name, "must be between " + min + " and " + max));
                return min;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be an integer"));
            return min;
        }
    }
}
