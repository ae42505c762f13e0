package dev.cairn.server.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming reader of bulk bodies ({@link RequestBodies#flatItems}, used by {@code POST /match}) must accept,
 * refuse and report exactly as the tree reader ({@link RequestBodies#items}) does: same outcome, same errors, and
 * every field read through {@link JsonFields} alike.
 */
class RequestBodiesTest {
    private static final Set<String> FIELDS = Set.of("type", "value", "blinded", "platform", "max_distance", "dihedral", "region");
    private final RequestBodies bodies = new RequestBodies(JsonMapper.builder().build());

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"type\":\"EMAIL\",\"value\":\"a@example.com\"},{\"type\":\"MD5\",\"value\":\"00\"}]",
            "{\"items\":[{\"type\":\"EMAIL\",\"value\":\"a@example.com\",\"blinded\":false}]}",
            "{\"items\":[{\"type\":\"PDQ\",\"value\":\"x\",\"max_distance\":12,\"dihedral\":true}]}",
            "[{\"type\":\"PDQ\",\"value\":\"x\",\"max_distance\":12.5}, {\"max_distance\":99999999999}, {\"max_distance\":\"3\"}]",
            "[{\"type\":1,\"value\":[\"a\"],\"blinded\":\"yes\",\"platform\":{\"a\":1},\"region\":null,\"dihedral\":0}]",
            "[{\"type\":\"EMAIL\",\"value\":\"a@example.com\",\"extra\":1,\"extra\":2,\"other\":null}]",
            "[{\"type\":\"EMAIL\",\"type\":\"MD5\",\"value\":\"b\"}]",
            "[1, \"a\", null, [1,2], {\"type\":\"IP\",\"value\":\"192.0.2.1\"}, true]",
            "[{}]",
            "[]",
            "{\"items\":[]}",
            "{\"items\":{\"type\":\"EMAIL\"}}",
            "{\"items\":null}",
            "{\"items\":[{\"type\":\"MD5\"}],\"items\":[{\"type\":\"SHA1\"}]}",
            "{\"items\":[{\"type\":\"MD5\"}],\"items\":3}",
            "{\"other\":[{\"type\":\"MD5\"}]}",
            "{}",
            "\"items\"",
            "42",
            "null",
            "",
            "   ",
            "[{\"type\":\"EMAIL\",\"value\":\"a@example.com\"}",
            "[{\"type\":\"EMAIL\",\"value\":\"a@example.com\"}] [1]",
            "[{\"type\":\"EMAIL\",\"value\":\"a@example.com\"}] x",
            "[{\"type\":\"EMAIL\" \"value\":\"a@example.com\"}]",
            "{\"items\":[{\"type\":\"EMAIL\",\"value\":\"a\\u00e9@example.com\\n\"}]}",
            "[{\"type\":\"EMAIL\",\"value\":\"  \"},{\"type\":\"\",\"value\":\"\"}]",
    })
    void streamingReadsEveryBodyAsTheTreeDoes(String body) {
        assertThat(outcome(body, true)).isEqualTo(outcome(body, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"type\":\"EMAIL\",\"value\":\"a@example.com\"}]", "[1,2,3]"})
    void theItemLimitAppliesAlike(String body) {
        assertThat(outcome(body, true, 2)).isEqualTo(outcome(body, false, 2));
        assertThat(outcome("[{},{},{}]", true, 2)).isEqualTo(outcome("[{},{},{}]", false, 2))
                .contains("at most 2 items per request, got 3");
    }

    @org.junit.jupiter.api.Test
    void otherTopLevelFieldsOfTheStreamedEnvelopeAreReturnedAsOptions() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/match");
        request.setContentType("application/json");
        request.setContent("{\"min_score\":40,\"items\":[{\"type\":\"MD5\"}],\"include_disputed\":true}"
                .getBytes(StandardCharsets.UTF_8));
        RequestBodies.FlatEnvelope envelope = bodies.flatItems(request, "items", 10);
        assertThat(envelope.items()).hasSize(1);
        assertThat(envelope.options().get("min_score").asInt()).isEqualTo(40);
        assertThat(envelope.options().get("include_disputed").asBoolean()).isTrue();
    }

    private String outcome(String body, boolean streaming) {
        return outcome(body, streaming, 10_000);
    }

    /** A description of what reading the body gives: the error, or every field of every item as JsonFields reads it. */
    private String outcome(String body, boolean streaming, int max) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/match");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        try {
            List<FieldError> errors = new ArrayList<>();
            List<String> values = new ArrayList<>();
            int count;
            if (streaming) {
                List<FlatObject> items = bodies.flatItems(request, "items", max).items();
                count = items.size();
                for (int i = 0; i < items.size(); i++) {
                    values.add(read(JsonFields.of(items.get(i), "[" + i + "]", errors, FIELDS)));
                }
            } else {
                List<JsonNode> items = bodies.items(request, "items", max);
                count = items.size();
                for (int i = 0; i < items.size(); i++) {
                    values.add(read(JsonFields.of(items.get(i), "[" + i + "]", errors, FIELDS)));
                }
            }
            return count + " items " + values + " errors " + errors;
        } catch (ApiException e) {
            return e.status() + " " + e.getMessage() + " " + e.errors();
        }
    }

    private static String read(JsonFields f) {
        return f.string("type", true, 32) + "|" + f.string("value", true, 4096) + "|" + f.bool("blinded") + "|"
                + f.string("platform", false, 100) + "|" + f.integer("max_distance", false, 0, 64) + "|"
                + f.bool("dihedral") + "|" + f.string("region", false, 2) + "|" + f.has("type") + f.has("region");
    }
}
