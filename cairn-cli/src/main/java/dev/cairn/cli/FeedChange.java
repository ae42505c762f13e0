package dev.cairn.cli;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;

/**
 * One feed event as the mirror applies it: the signal's JSON to store, or null to delete it.
 *
 * @param signal the {@code signal} object exactly as the server sent it (compact UTF-8 JSON); null for a removal
 */
record FeedChange(long seq, String signalId, byte[] signal) {

    boolean delete() {
        return signal == null;
    }

    /** From an event of a JSON page (long-poll): small, so the tree is fine. */
    static FeedChange of(JsonNode event) {
        JsonNode signal = event.get("signal");
        boolean delete = event.path("should_delete").asBoolean(false) || signal == null || signal.isNull();
        return new FeedChange(event.get("seq").asLong(), event.get("signal_id").asString(),
                delete ? null : Json.MAPPER.writeValueAsBytes(signal));
    }

    /** One line of the NDJSON stream: an event, or the final line with the cursor to resume from. */
    record Line(FeedChange change, String nextCursor) {
    }

    /**
     * Reads one NDJSON line without building a tree: the {@code signal} object is cut out of the line's bytes as
     * sent, which is what lets a fresh mirror of a million signals keep up with the stream.
     *
     * @throws tools.jackson.core.JacksonException if the line is not a JSON object
     */
    static Line parse(byte[] line) {
        long seq = -1;
        String id = null;
        boolean shouldDelete = false;
        byte[] signal = null;
        String nextCursor = null;
        try (JsonParser p = Json.MAPPER.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a feed line must be a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "seq" -> seq = p.getLongValue();
                    case "signal_id" -> id = p.getString();
                    case "should_delete" -> shouldDelete = value == JsonToken.VALUE_TRUE;
                    case "next_cursor" -> nextCursor = p.getString();
                    case "signal" -> {
                        if (value == JsonToken.START_OBJECT) {
                            int start = (int) p.currentTokenLocation().getByteOffset();
                            p.skipChildren();
                            int end = (int) p.currentLocation().getByteOffset();
                            signal = Arrays.copyOfRange(line, start, end);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (id == null) {
            return new Line(null, nextCursor);
        }
        return new Line(new FeedChange(seq, id, shouldDelete ? null : signal), null);
    }
}
