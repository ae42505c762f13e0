package dev.cairn.server.match;

import dev.cairn.core.pdq.PdqHash;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PDQ near-duplicate matching through the API, with hashes of the public PDQ test photographs. */
class PdqMatchApiTest extends ApiTestBase {
    static final String BRIDGE = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
    static final String BRIDGE_SHARPENED = "d0f8f0cec0f4a84f0e370a22238f67f0b36a2ef596231e1d73e6a39c4e9c9b22";
    static final String BRIDGE_ROTATED_90 = "30a10efdf1c83f429013d48d0ffffc52e34e0e35ada952a9d29605215aa9e5af";
    static final String OTHER_PHOTO = "6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d";

    private static String pdq(String hash, int quality) {
        return """
                {"type": "PDQ", "value": "%s", "quality": %d, "categories": ["CSAM_KNOWN"], "confidence": 95}""".formatted(hash, quality);
    }

    private List<JsonNode> matches(Member m, String items) {
        var r = m.api().post("/api/v1/match", "{\"items\": [" + items + "]}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("results").forEach(res -> res.get("matches").forEach(out::add));
        return out;
    }

    @Test
    void nearDuplicatesMatchWithTheirDistanceWithinTheThreshold() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = owner.api().post("/api/v1/signals", pdq(BRIDGE, 100)).field("/id");
        int distance = PdqHash.fromHex(BRIDGE).distance(PdqHash.fromHex(BRIDGE_SHARPENED));

        List<JsonNode> near = matches(other, "{\"type\": \"PDQ\", \"value\": \"" + BRIDGE_SHARPENED + "\"}");
        assertThat(near).anySatisfy(m -> {
            assertThat(m.get("signal_id").asString()).isEqualTo(id);
            assertThat(m.get("method").asString()).isEqualTo("near-duplicate");
            assertThat(m.get("distance").asInt()).isEqualTo(distance);
        });
        List<JsonNode> strict = matches(other, "{\"type\": \"PDQ\", \"value\": \"" + BRIDGE_SHARPENED
                + "\", \"max_distance\": " + (distance - 1) + "}");
        assertThat(strict).noneMatch(m -> m.get("signal_id").asString().equals(id));
        assertThat(matches(other, "{\"type\": \"PDQ\", \"value\": \"" + BRIDGE.toUpperCase() + "\"}"))
                .anySatisfy(m -> assertThat(m.get("distance").asInt()).isZero());
        assertThat(matches(other, "{\"type\": \"PDQ\", \"value\": \"" + OTHER_PHOTO + "\"}"))
                .noneMatch(m -> m.get("signal_id").asString().equals(id));
    }

    @Test
    void dihedralQueriesFindRotatedCopies() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = owner.api().post("/api/v1/signals", pdq(BRIDGE, 100)).field("/id");
        assertThat(matches(other, "{\"type\": \"PDQ\", \"value\": \"" + BRIDGE_ROTATED_90 + "\"}"))
                .noneMatch(m -> m.get("signal_id").asString().equals(id));
        assertThat(matches(other, "{\"type\": \"PDQ\", \"value\": \"" + BRIDGE_ROTATED_90 + "\", \"dihedral\": true}"))
                .anySatisfy(m -> assertThat(m.get("signal_id").asString()).isEqualTo(id));
    }

    @Test
    void lowQualityHashesAreRefusedAndRetractedOnesStopMatching() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        var refused = owner.api().post("/api/v1/signals", pdq(OTHER_PHOTO, 30));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.field("/errors/0/field")).isEqualTo("quality");
        var noQuality = owner.api().post("/api/v1/signals", signalJson("PDQ", OTHER_PHOTO, "CSAM_KNOWN", 90));
        assertThat(noQuality.status()).isEqualTo(422);

        String id = owner.api().post("/api/v1/signals", pdq(OTHER_PHOTO, 90)).field("/id");
        assertThat(matches(other, "{\"type\": \"PDQ\", \"value\": \"" + OTHER_PHOTO + "\"}"))
                .anySatisfy(m -> assertThat(m.get("signal_id").asString()).isEqualTo(id));
        owner.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"wrong image\"}");
        assertThat(matches(other, "{\"type\": \"PDQ\", \"value\": \"" + OTHER_PHOTO + "\"}"))
                .noneMatch(m -> m.get("signal_id").asString().equals(id));
    }
}
