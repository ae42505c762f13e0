package dev.cairn.server.web;

import java.util.List;

/** Parsing of the query parameters that many listings share, with the same messages everywhere. */
public final class QueryParams {
    private QueryParams() {
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
