package dev.cairn.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

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
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        List<JsonNode> items = contentType.startsWith(NDJSON) ? ndjson(request, max) : jsonArray(request, arrayField);
        if (items.isEmpty()) {
            throw ApiException.invalid("(body)", "must contain at least one item");
        }
        if (items.size() > max) {
            throw ApiException.invalid("(body)", "at most " + max + " items per request, got " + items.size());
        }
        return items;
    }

    /**
     * As {@link #items}, with the same forms, limits and errors, but a JSON body is read by streaming into one
     * {@link FlatObject} per item instead of a tree: for the hot bulk path ({@code POST /match}), where the tree's
     * per-item object nodes cost more than the parsing itself.
     */
    public FlatEnvelope flatItems(HttpServletRequest request, String arrayField, int max) {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        List<FlatObject> items;
        ObjectNode options = null;
        if (contentType.startsWith(NDJSON)) {
            List<JsonNode> nodes = ndjson(request, max);
            items = new ArrayList<>(nodes.size());
            for (JsonNode n : nodes) {
                items.add(FlatObject.of(n));
            }
        } else {
            options = json.createObjectNode();
            items = streamArray(request, arrayField, options);
            if (options.isEmpty()) {
                options = null;
            }
        }
        if (items.isEmpty()) {
            throw ApiException.invalid("(body)", "must contain at least one item");
        }
        if (items.size() > max) {
            throw ApiException.invalid("(body)", "at most " + max + " items per request, got " + items.size());
        }
        return new FlatEnvelope(items, options);
    }

    /**
     * Items and, for a {@code {"<name>": [...], ...}} body, the object's other fields: request-level options for the
     * caller to validate (null for an array or NDJSON body, or when there are none).
     */
    public record FlatEnvelope(List<FlatObject> items, JsonNode options) {
    }

    private List<FlatObject> streamArray(HttpServletRequest request, String arrayField, ObjectNode options) {
        List<FlatObject> items = null;
        boolean shapeOk = false;
        try (JsonParser p = json.createParser(request.getInputStream())) {
            JsonToken root = p.nextToken();
            if (root == JsonToken.START_ARRAY) {
                items = readArray(p);
                shapeOk = true;
            } else if (root == JsonToken.START_OBJECT) {
                // {"<arrayField>": [...]} and nothing else; any other shape is refused once the whole body parsed
                java.util.Set<String> names = new java.util.HashSet<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    names.add(name);
                    JsonToken t = p.nextToken();
                    if (name.equals(arrayField) && t == JsonToken.START_ARRAY) {
                        items = readArray(p);
                    } else if (name.equals(arrayField)) {
                        items = null;   // the last value of a repeated name wins, as in a tree
                        p.skipChildren();
                    } else {
                        options.set(name, value(p, t));
                    }
                }
                shapeOk = items != null;
            } else if (root != null) {
                p.skipChildren();
            }
            if (root != null && p.nextToken() != null) {
                throw new TrailingTokens(p);
            }
        } catch (TrailingTokens e) {
            throw notJson(e.line, e.column);
        } catch (JacksonException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!shapeOk) {
            throw notArray(arrayField);
        }
        return items;
    }

    /** Reads the elements of the array whose START_ARRAY is the current token. */
    private static List<FlatObject> readArray(JsonParser p) {
        List<FlatObject> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                items.add(FlatObject.NOT_AN_OBJECT);
                continue;
            }
            FlatObject item = FlatObject.empty();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                item.put(name, value(p, p.nextToken()));
            }
            items.add(item);
        }
        return items;
    }

    private static JsonNode value(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> StringNode.valueOf(p.getString());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.getInstance();
            default -> p.readValueAsTree();   // numbers, objects, arrays: exactly the node a tree would hold
        };
    }

    /** Jackson's own reading of a whole body refuses content after the root value; so does the streaming reader. */
    private static final class TrailingTokens extends RuntimeException {
        final int line;
        final int column;

        TrailingTokens(JsonParser p) {
            super(null, null, false, false);
            this.line = p.currentTokenLocation().getLineNr();
            this.column = p.currentTokenLocation().getColumnNr();
        }
    }

    private static ApiException notJson(JacksonException e) {
        return e.getLocation() == null ? notJson(-1, -1) : notJson(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    }

    private static ApiException notJson(int line, int column) {
        String where = line < 0 ? "" : " (line " + line + ", column " + column + ")";
        return ApiException.malformed("Request body is not valid JSON" + where, List.of(new FieldError("(body)", "is not valid JSON" + where)));
    }

    private static ApiException notArray(String arrayField) {
        return ApiException.malformed("Expected a JSON array of items (or {\"" + arrayField + "\": [...]}), or NDJSON",
                List.of(new FieldError("(body)", "must be a JSON array")));
    }

    private List<JsonNode> jsonArray(HttpServletRequest request, String arrayField) {
        JsonNode root;
        try {
            root = json.readTree(request.getInputStream());
        } catch (JacksonException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root != null && root.isObject() && root.get(arrayField) != null && root.size() == 1) {
            root = root.get(arrayField);
        }
        if (root == null || !root.isArray()) {
            throw notArray(arrayField);
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
