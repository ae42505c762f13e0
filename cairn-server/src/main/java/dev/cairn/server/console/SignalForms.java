package dev.cairn.server.console;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what a person typed (a form, a CSV row) into the JSON object the API accepts, changing nothing of substance:
 * every rule is then checked by {@link dev.cairn.server.signal.SignalReader}, so the console and the API refuse the
 * same things with the same words.
 */
@Component
public class SignalForms {
    /** Category lists in one CSV cell or text field: "GROOMING; SEXTORTION" or "GROOMING|SEXTORTION". */
    private static final Pattern LIST = Pattern.compile("[;|,]");

    private final ObjectMapper json;

    public SignalForms(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode signal(String type, String value, List<String> categories, String confidence, String description,
                             String platform, String validUntil) {
        return signal(type, value, categories, confidence, description, platform, validUntil, null, null);
    }

    /**
     * With a visibility ({@code ALL}, {@code GROUP}, {@code PRIVATE}) and the sharing group's id as typed: the
     * API's {@code visibility} and {@code sharing_group} fields, so the reader checks membership as for the API.
     */
    public ObjectNode signal(String type, String value, List<String> categories, String confidence, String description,
                             String platform, String validUntil, String visibility, String sharingGroup) {
        ObjectNode n = json.createObjectNode();
        putText(n, "type", type);
        if (value != null && !value.isEmpty()) {
            n.put("value", value.strip());
        }
        ArrayNode cats = n.putArray("categories");
        if (categories != null) {
            categories.stream().map(String::strip).filter(c -> !c.isEmpty()).forEach(cats::add);
        }
        if (confidence != null && !confidence.isBlank()) {
            try {
                n.put("confidence", Integer.parseInt(confidence.strip()));
            } catch (NumberFormatException e) {
                n.put("confidence", confidence.strip()); // the reader reports "must be an integer"
            }
        }
        putText(n, "description", description);
        putText(n, "platform", platform);
        if (validUntil != null && !validUntil.isBlank()) {
            n.put("valid_until", validUntil(validUntil.strip()));
        }
        putText(n, "visibility", visibility);
        putText(n, "sharing_group", sharingGroup);
        return n;
    }

    public static List<String> splitList(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return LIST.splitAsStream(cell).map(s -> s.strip().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    /** A plain date means "to the end of that day, UTC"; anything else goes to the reader as written. */
    static String validUntil(String s) {
        try {
            return LocalDate.parse(s).atTime(23, 59, 59).atOffset(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return s;
        }
    }

    private static void putText(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) {
            n.put(field, value.strip());
        }
    }
}
