package dev.cairn.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads bulk request bodies: a JSON array, {@code {"<name>": [...]}}, or NDJSON (one object per line). */
@Component
public class RequestBodies {
    public static final String NDJSON = "application/x-ndjson";

    private final ObjectMapper json;

    public RequestBodies(ObjectMapper json) {
        this.json = json;
    }

    public List<JsonNode> items(HttpServletRequest request, String arrayField, int max) {
        return read(request, arrayField, max, false).items();
    }

    /**
     * Items and, for a {@code {"<name>": [...], ...}} body, that object too, whose other fields are request-level
     * options for the caller to validate (null for an array or NDJSON body).
     */
    public record Envelope(List<JsonNode> items, JsonNode options) {
    }

    public Envelope itemsWithOptions(HttpServletRequest request, String arrayField, int max) {
        return read(request, arrayField, max, true);
    }

    private Envelope read(HttpServletRequest request, String arrayField, int max, boolean withOptions) {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        JsonNode[] envelope = new JsonNode[1];
        List<JsonNode> items = contentType.startsWith(NDJSON) ? ndjson(request, max)
                : jsonArray(request, arrayField, withOptions, envelope);
        if (items.isEmpty()) {
            throw ApiException.invalid("(body)", "must contain at least one item");
        }
        if (items.size() > max) {
            throw ApiException.invalid("(body)", "at most " + max + " items per request, got " + items.size());
        }
        return new Envelope(items, envelope[0]);
    }

    private List<JsonNode> jsonArray(HttpServletRequest request, String arrayField, boolean withOptions,
                                     JsonNode[] envelope) {
        JsonNode root;
        try {
            root = json.readTree(request.getInputStream());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw ApiException.malformed("Request body is not valid JSON" + where, List.of(new FieldError("(body)", "is not valid JSON" + where)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root != null && root.isObject() && root.get(arrayField) != null && (root.size() == 1 || withOptions)) {
            envelope[0] = root;
            root = root.get(arrayField);
        }
        if (root == null || !root.isArray()) {
            throw ApiException.malformed("Expected a JSON array of items (or {\"" + arrayField + "\": [...]}), or NDJSON",
                    List.of(new FieldError("(body)", "must be a JSON array")));
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    private List<JsonNode> ndjson(HttpServletRequest request, int max) {
        List<JsonNode> items = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    items.add(json.readTree(line));
                } catch (JacksonException e) {
                    errors.add(new FieldError("line " + lineNo, "is not valid JSON"));
                    items.add(null);
                }
                if (items.size() > max) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw ApiException.malformed(errors.size() + " NDJSON line(s) are not valid JSON", errors);
        }
        return items;
    }

    /** Validates an optional {@code region} query parameter. */
    public static String region(String region) {
        if (region == null) {
            return null;
        }
        String r = region.toUpperCase(Locale.ROOT);
        if (!r.matches("[A-Z]{2}")) {
            throw ApiException.malformed("Invalid region", List.of(new FieldError("region", "must be an ISO 3166 two-letter code")));
        }
        return r;
    }
}
