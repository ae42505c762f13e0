package dev.cairn.server.web;

import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One item of a bulk request body read by streaming: its properties as (name, value) pairs in document order, the
 * values as Jackson nodes (scalars are cheap leaf nodes; an object or array value, rare in practice, is a subtree).
 * Saves the per-item {@code ObjectNode} and its hash map. {@link JsonFields} reads it exactly as it reads an object
 * node: a repeated name counts once and its last value wins, as in a tree.
 */
public final class FlatObject {
    /** An item that is not a JSON object. */
    static final FlatObject NOT_AN_OBJECT = new FlatObject(false);

    private final boolean object;
    private String[] names;
    private JsonNode[] values;
    private int size;

    private FlatObject(boolean object) {
        this.object = object;
        this.names = object ? new String[8] : null;
        this.values = object ? new JsonNode[8] : null;
    }

    static FlatObject empty() {
        return new FlatObject(true);
    }

    public static FlatObject of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return NOT_AN_OBJECT;
        }
        FlatObject o = empty();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            o.put(e.getKey(), e.getValue());
        }
        return o;
    }

    void put(String name, JsonNode value) {
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    public boolean isObject() {
        return object;
    }

    /** The value of {@code name} (the last one if repeated), or null. */
    public JsonNode get(String name) {
        for (int i = size - 1; i >= 0; i--) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    int size() {
        return size;
    }

    String name(int i) {
        return names[i];
    }

    /** Whether {@code names[i]} already occurred before index i. */
    boolean repeated(int i) {
        for (int j = 0; j < i; j++) {
            if (names[j].equals(names[i])) {
                return true;
            }
        }
        return false;
    }
}
