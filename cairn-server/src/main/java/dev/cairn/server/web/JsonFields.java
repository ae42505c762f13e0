package dev.cairn.server.web;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object, collecting every problem instead of stopping at the first, with the field's
 * full path ({@code items[3].confidence}). This is the one validation path for request bodies: controllers take a
 * {@link JsonNode} and features read it through this class, so a wrong type and a bad value are reported alike.
 */
public final class JsonFields {
    private final JsonNode node;
    /** Set instead of {@code node} when the object was read by streaming; null like {@code node} if not an object. */
    private final FlatObject flat;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonFields(JsonNode node, String prefix, List<FieldError> errors) {
        this(node, null, prefix, errors);
    }

    private JsonFields(JsonNode node, FlatObject flat, String prefix, List<FieldError> errors) {
        this.node = node;
        this.flat = flat;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Starts reading {@code node}, which must be a JSON object; otherwise an error is recorded and reads return null. */
    public static JsonFields of(JsonNode node, String prefix, List<FieldError> errors, Set<String> allowed) {
        JsonFields f = new JsonFields(node, prefix, errors);
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(prefix.isEmpty() ? "(body)" : prefix, "must be a JSON object"));
            return new JsonFields(null, prefix, errors);
        }
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(f.path(name), "unknown field"));
            }
        }
        return f;
    }

    /** As {@link #of(JsonNode, String, List, Set)}, for an item read by {@link RequestBodies#flatItems}. */
    public static JsonFields of(FlatObject object, String prefix, List<FieldError> errors, Set<String> allowed) {
        if (object == null || !object.isObject()) {
            errors.add(new FieldError(prefix.isEmpty() ? "(body)" : prefix, "must be a JSON object"));
            return new JsonFields(null, null, prefix, errors);
        }
        JsonFields f = new JsonFields(null, object, prefix, errors);
        for (int i = 0; i < object.size(); i++) {
            String name = object.name(i);
            if (!allowed.contains(name) && !object.repeated(i)) {
                errors.add(new FieldError(f.path(name), "unknown field"));
            }
        }
        return f;
    }

    private boolean present() {
        return node != null || flat != null;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public String path(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    public void reject(String name, String reason) {
        errors.add(new FieldError(path(name), reason));
    }

    private JsonNode get(String name) {
        if (!present()) {
            return null;
        }
        JsonNode v = flat != null ? flat.get(name) : node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    public boolean has(String name) {
        return flat != null ? flat.get(name) != null : node != null && node.has(name);
    }

    public String string(String name, boolean required, int maxLength) {
        JsonNode v = get(name);
        if (v == null) {
            if (required && present()) {
                reject(name, "is required");
            }
            return null;
        }
        if (!v.isString()) {
            reject(name, "must be a string");
            return null;
        }
        String s = v.stringValue();
        if (required && s.isBlank()) {
            reject(name, "must not be blank");
            return null;
        }
        if (s.length() > maxLength) {
            reject(name, "must be at most " + maxLength + " characters");
            return null;
        }
        return s;
    }

    public Integer integer(String name, boolean required, int min, int max) {
        JsonNode v = get(name);
        if (v == null) {
            if (required && present()) {
                reject(name, "is required");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            reject(name, "must be an integer");
            return null;
        }
        int i = v.intValue();
        if (i < min || i > max) {
            reject(name, "must be between " + min + " and " + max);
            return null;
        }
        return i;
    }

    public Boolean bool(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            reject(name, "must be true or false");
            return null;
        }
        return v.booleanValue();
    }

    public Instant instant(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            reject(name, "must be an RFC 3339 timestamp string");
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(v.stringValue()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v.stringValue());
            } catch (DateTimeParseException e2) {
                reject(name, "must be an RFC 3339 timestamp such as 2027-01-31T00:00:00Z");
                return null;
            }
        }
    }

    /** A list of strings; null when absent. Duplicates are dropped, order kept. */
    public List<String> strings(String name, boolean required, int maxItems, int maxLength) {
        JsonNode v = get(name);
        if (v == null) {
            if (required && present()) {
                reject(name, "is required");
            }
            return null;
        }
        if (!v.isArray()) {
            reject(name, "must be an array of strings");
            return null;
        }
        if (v.size() > maxItems) {
            reject(name, "must have at most " + maxItems + " entries");
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e == null || !e.isString() || e.stringValue().isBlank()) {
                errors.add(new FieldError(path(name) + "[" + i + "]", "must be a non-blank string"));
                return null;
            }
            if (e.stringValue().length() > maxLength) {
                errors.add(new FieldError(path(name) + "[" + i + "]", "must be at most " + maxLength + " characters"));
                return null;
            }
            out.add(e.stringValue());
        }
        if (required && out.isEmpty()) {
            reject(name, "must have at least one entry");
            return null;
        }
        return new ArrayList<>(out);
    }
}
