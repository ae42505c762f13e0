package dev.cairn.server.console;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an uploaded bulk file into one JSON item per row: CSV with a header row (RFC 4180 quoting) or NDJSON (one JSON
 * object per line). Only the file's shape is checked here; the values are checked row by row by the same reader as
 * the API's submissions.
 */
final class BulkFile {
    static final List<String> COLUMNS = List.of("type", "value", "categories", "confidence", "description", "platform",
            "valid_until", "visibility", "sharing_group");
    /** The API calls the group field {@code sharing_group}; files may name it after the stored column too. */
    static final String GROUP_ALIAS = "sharing_group_id";
    private static final Set<String> REQUIRED = Set.of("type", "value", "categories", "confidence");

    private BulkFile() {
    }

    /** One data row: its line in the file, and the item, or why the line could not be read at all. */
    record Row(int line, JsonNode item, String problem) {
    }

    /** The rows, or a problem with the whole file. */
    record Parsed(List<Row> rows, String problem) {
    }

    static Parsed parse(String filename, byte[] content, SignalForms forms, ObjectMapper json, int maxRows) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // spreadsheet programs write a byte-order mark
        }
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv") || (!name.endsWith(".ndjson") && !name.endsWith(".jsonl")
                && !text.stripLeading().startsWith("{"));
        Parsed parsed = csv ? csv(text, forms) : ndjson(text, json);
        if (parsed.problem() == null && parsed.rows().isEmpty()) {
            return new Parsed(List.of(), "The file has no rows to share.");
        }
        if (parsed.rows().size() > maxRows) {
            return new Parsed(List.of(), "The file has " + parsed.rows().size() + " rows; at most " + maxRows
                    + " can be shared at once. Split it into smaller files.");
        }
        return parsed;
    }

    private static Parsed ndjson(String text, ObjectMapper json) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = json.readTree(line);
                rows.add(node != null && node.isObject() ? new Row(i + 1, groupAlias((ObjectNode) node), null)
                        : new Row(i + 1, null, "is not a JSON object"));
            } catch (JacksonException e) {
                rows.add(new Row(i + 1, null, "is not valid JSON"));
            }
        }
        return new Parsed(rows, null);
    }

    private static Parsed csv(String text, SignalForms forms) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        String problem = records(text, records, lineOf);
        if (problem != null) {
            return new Parsed(List.of(), problem);
        }
        if (records.isEmpty()) {
            return new Parsed(List.of(), null);
        }
        List<String> header = records.getFirst().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .map(h -> h.equals(GROUP_ALIAS) ? "sharing_group" : h).toList();
        for (String h : header) {
            if (!COLUMNS.contains(h)) {
                return new Parsed(List.of(), "Unknown column '" + h + "' in the header row. The columns are "
                        + String.join(",", COLUMNS) + ".");
            }
        }
        for (String r : REQUIRED) {
            if (!header.contains(r)) {
                return new Parsed(List.of(), "The header row lacks the column '" + r + "'. The columns are "
                        + String.join(",", COLUMNS) + ".");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            if (cells.size() == 1 && cells.getFirst().isBlank()) {
                continue;
            }
            if (cells.size() != header.size()) {
                rows.add(new Row(lineOf.get(i), null, "has " + cells.size() + " cells; the header has " + header.size()));
                continue;
            }
            java.util.function.Function<String, String> cell = c -> header.contains(c) ? cells.get(header.indexOf(c)) : null;
            rows.add(new Row(lineOf.get(i), forms.signal(cell.apply("type"), cell.apply("value"),
                    SignalForms.splitList(cell.apply("categories")), cell.apply("confidence"), cell.apply("description"),
                    cell.apply("platform"), cell.apply("valid_until"), cell.apply("visibility"),
                    cell.apply("sharing_group")), null));
        }
        return new Parsed(rows, null);
    }

    /** {@code sharing_group_id} read as {@code sharing_group}, unless both are given (then the reader refuses the alias). */
    private static JsonNode groupAlias(ObjectNode node) {
        if (node.has(GROUP_ALIAS) && !node.has("sharing_group")) {
            node.set("sharing_group", node.remove(GROUP_ALIAS));
        }
        return node;
    }

    /** RFC 4180: fields separated by commas, optionally in double quotes, "" for a quote, line breaks inside quotes. */
    private static String records(String text, List<List<String>> out, List<Integer> lineOf) {
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                out.add(record);
                lineOf.add(recordLine);
                record = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return "A quoted field starting on line " + recordLine + " is never closed.";
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            out.add(record);
            lineOf.add(recordLine);
        }
        return null;
    }
}
