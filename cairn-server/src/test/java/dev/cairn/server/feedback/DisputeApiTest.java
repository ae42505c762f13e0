package dev.cairn.server.feedback;

import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static dev.cairn.server.feedback.FeedbackApiTest.share;
import static org.assertj.core.api.Assertions.assertThat;

class DisputeApiTest extends ApiTestBase {

    private static String dispute(Member m, String signalId, String reason) {
        var r = m.api().post("/api/v1/signals/" + signalId + "/disputes", "{\"reason\": \"" + reason + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.field("/status")).isEqualTo("OPEN");
        return r.field("/id");
    }

    private static ApiClient.Response resolve(Member owner, String signalId, String disputeId, String body) {
        return owner.api().post("/api/v1/signals/" + signalId + "/disputes/" + disputeId + "/resolve", body);
    }

    /** The matches of the first result, or none. */
    private static List<JsonNode> matches(ApiClient.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        if (!r.json().get("results").isEmpty()) {
            r.json().at("/results/0/matches").forEach(out::add);
        }
        return out;
    }

    private static String feedHead(ApiClient api) {
        String cursor = "0";
        while (true) {
            var page = api.get("/api/v1/feed?limit=10000&after=" + cursor);
            cursor = page.field("/next_cursor");
            if (page.json().get("caught_up").asBoolean()) {
                return cursor;
            }
        }
    }

    private static List<JsonNode> events(ApiClient api, String after, String signalId) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/v1/feed?limit=10000&after=" + after).json().get("events").forEach(e -> {
            if (e.get("signal_id").asString().equals(signalId)) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void disputesAreToldToTheOwnerOnlyAndOneOpenPerParticipant() {
        var owner = newMember("northwind");
        var b = newMember("fabrikam");
        var c = newMember("contoso");
        String id = share(owner, signalJson("EMAIL", "dispute.me@example.org", "SEXTORTION", 70));
        String ownerStart = feedHead(owner.api());
        String cStart = feedHead(c.api());

        String d = dispute(b, id, "This address belongs to our support desk");
        var again = b.api().post("/api/v1/signals/" + id + "/disputes", "{\"reason\": \"still wrong\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field("/type")).isEqualTo("urn:cairn:problem:dispute-open");
        var own = owner.api().post("/api/v1/signals/" + id + "/disputes", "{\"reason\": \"mine\"}");
        assertThat(own.status()).isEqualTo(409);
        var noReason = c.api().post("/api/v1/signals/" + id + "/disputes", "{\"reason\": \"" + "r".repeat(1001) + "\"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.text()).contains("\"field\":\"reason\"");

        List<JsonNode> ownerEvents = events(owner.api(), ownerStart, id);
        assertThat(ownerEvents).hasSize(1);
        assertThat(ownerEvents.getFirst().get("event").asString()).isEqualTo("disputed");
        assertThat(ownerEvents.getFirst().get("dispute_id").asString()).isEqualTo(d);
        assertThat(ownerEvents.getFirst().get("should_delete").asBoolean()).isFalse();
        assertThat(events(c.api(), cStart, id)).isEmpty();

        // The owner sees the reason; the disputant its own dispute; others only the count.
        var ownerView = owner.api().get("/api/v1/signals/" + id + "/disputes");
        assertThat(ownerView.json().get("open_disputes").asInt()).isEqualTo(1);
        assertThat(ownerView.text()).contains("support desk", b.slug());
        assertThat(b.api().get("/api/v1/signals/" + id + "/disputes").json().get("disputes")).hasSize(1);
        var cView = c.api().get("/api/v1/signals/" + id + "/disputes");
        assertThat(cView.json().get("open_disputes").asInt()).isEqualTo(1);
        assertThat(cView.json().get("disputes")).isEmpty();

        // Only the owner resolves; an upheld dispute needs a note; the disputant hears of the resolution.
        assertThat(resolve(b, id, d, "{\"resolution\": \"UPHELD\", \"note\": \"x\"}").status()).isEqualTo(403);
        var noNote = resolve(owner, id, d, "{\"resolution\": \"UPHELD\"}");
        assertThat(noNote.status()).isEqualTo(422);
        assertThat(noNote.text()).contains("\"field\":\"note\"");
        String bStart = feedHead(b.api());
        var upheld = resolve(owner, id, d, "{\"resolution\": \"UPHELD\", \"note\": \"Seen in extortion messages on 3 platforms\"}");
        assertThat(upheld.status()).as(upheld.text()).isEqualTo(200);
        assertThat(upheld.field("/status")).isEqualTo("RESOLVED");
        assertThat(upheld.field("/resolution")).isEqualTo("UPHELD");
        assertThat(resolve(owner, id, d, "{\"resolution\": \"UPHELD\", \"note\": \"again\"}").status()).isEqualTo(409);
        List<JsonNode> bEvents = events(b.api(), bStart, id);
        assertThat(bEvents).extracting(e -> e.get("event").asString()).containsExactly("dispute_resolved");
        // Resolved, b may dispute again.
        dispute(b, id, "new evidence");
    }

    @Test
    void disputesByEnoughParticipantsSuspendMatchingUntilTheOwnerActs() {
        var owner = newMember("northwind");
        var b = newMember("fabrikam");
        var c = newMember("contoso");
        var matcher = newMember("tailspin");
        String id = share(owner, signalJson("PHONE", "+12025550188", "SEXTORTION", 80));
        String query = "{\"items\": [{\"type\": \"PHONE\", \"value\": \"+1 202 555 0188\"}]}";

        String first = dispute(b, id, "a reassigned number");
        List<JsonNode> one = matches(matcher.api().post("/api/v1/match", query));
        assertThat(one).hasSize(1);
        assertThat(one.getFirst().get("open_disputes").asInt()).isEqualTo(1);
        assertThat(one.getFirst().has("suspended")).isFalse();
        assertThat(one.getFirst().get("score").asInt()).isEqualTo(60); // 80 * 0.75

        String second = dispute(c, id, "our user, verified adult business line");
        assertThat(matches(matcher.api().post("/api/v1/match", query))).isEmpty();
        List<JsonNode> included = matches(matcher.api().post("/api/v1/match",
                "{\"items\": [{\"type\": \"PHONE\", \"value\": \"+1 202 555 0188\"}], \"include_disputed\": true}"));
        assertThat(included).hasSize(1);
        assertThat(included.getFirst().get("suspended").asBoolean()).isTrue();
        assertThat(included.getFirst().get("open_disputes").asInt()).isEqualTo(2);
        assertThat(matches(matcher.api().post("/api/v1/match?include_disputed=true", query))).hasSize(1);

        // AMENDED needs an amendment made after the dispute was opened.
        var notAmended = resolve(owner, id, first, "{\"resolution\": \"AMENDED\", \"note\": \"lowered confidence\"}");
        assertThat(notAmended.status()).isEqualTo(409);
        assertThat(notAmended.field("/type")).isEqualTo("urn:cairn:problem:not-amended");
        assertThat(owner.api().patch("/api/v1/signals/" + id, "{\"confidence\": 40}").status()).isEqualTo(200);
        assertThat(resolve(owner, id, first, "{\"resolution\": \"AMENDED\", \"note\": \"lowered confidence\"}").status())
                .isEqualTo(200);

        List<JsonNode> restored = matches(matcher.api().post("/api/v1/match", query));
        assertThat(restored).hasSize(1);
        assertThat(restored.getFirst().get("open_disputes").asInt()).isEqualTo(1);
        assertThat(restored.getFirst().get("score").asInt()).isEqualTo(30); // 40 * 0.75

        // Retracting through a dispute closes every open dispute of the signal, and the signal stops matching.
        String third = dispute(b, id, "still a reassigned number");
        var retracted = resolve(owner, id, second, "{\"resolution\": \"RETRACTED\", \"note\": \"number reassigned\"}");
        assertThat(retracted.status()).as(retracted.text()).isEqualTo(200);
        assertThat(retracted.field("/resolution")).isEqualTo("RETRACTED");
        var signal = owner.api().get("/api/v1/signals/" + id);
        assertThat(signal.field("/status")).isEqualTo("RETRACTED");
        assertThat(signal.field("/status_reason")).isEqualTo("number reassigned");
        assertThat(signal.json().get("score").asInt()).isZero();
        var all = owner.api().get("/api/v1/signals/" + id + "/disputes").json();
        assertThat(all.get("open_disputes").asInt()).isZero();
        assertThat(all.get("disputes")).hasSize(3).allSatisfy(x -> assertThat(x.get("status").asString()).isEqualTo("RESOLVED"));
        assertThat(all.toString()).contains(third);
        assertThat(matches(matcher.api().post("/api/v1/match?include_disputed=true", query))).isEmpty();
    }

    @Test
    void retractingDirectlyAlsoClosesOpenDisputes() {
        var owner = newMember("northwind");
        var b = newMember("fabrikam");
        String id = share(owner, signalJson("DOMAIN", "retract-direct.example.net", "CSAM_DISTRIBUTION", 70));
        String d = dispute(b, id, "parked domain");
        assertThat(owner.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"parked since March\"}").status())
                .isEqualTo(200);
        var view = owner.api().get("/api/v1/signals/" + id + "/disputes").json();
        assertThat(view.get("open_disputes").asInt()).isZero();
        assertThat(view.at("/disputes/0/id").asString()).isEqualTo(d);
        assertThat(view.at("/disputes/0/resolution").asString()).isEqualTo("RETRACTED");
        assertThat(view.at("/disputes/0/resolution_note").asString()).isEqualTo("parked since March");
    }
}
