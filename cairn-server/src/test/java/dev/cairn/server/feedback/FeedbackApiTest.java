package dev.cairn.server.feedback;

import dev.cairn.server.auth.Scope;
import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackApiTest extends ApiTestBase {

    @Autowired
    FeedbackStats stats;

    static String share(Member owner, String json) {
        var r = owner.api().post("/api/v1/signals", json);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.field("/id");
    }

    static String actioned(int accounts, int content) {
        return """
                {"outcome": "ACTIONED", "accounts_actioned": %d, "content_removed": %d, "human_reviewed": true}""".formatted(accounts, content);
    }

    static String outcome(String outcome, boolean human) {
        return "{\"outcome\": \"%s\", \"human_reviewed\": %s}".formatted(outcome, human);
    }

    private static List<String> fields(ApiClient.Response r) {
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    @Test
    void validatesEveryRuleNamingTheFields() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = share(owner, signalJson("EMAIL", "rules.person@example.com", "SEXTORTION", 70));
        String path = "/api/v1/signals/" + id + "/feedback";

        var unknown = other.api().post(path, "{\"outcome\": \"MAYBE\", \"human_reviewed\": true, \"colour\": 1}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(fields(unknown)).containsExactlyInAnyOrder("outcome", "colour");

        var missingCounts = other.api().post(path, "{\"outcome\": \"ACTIONED\", \"human_reviewed\": true}");
        assertThat(missingCounts.status()).isEqualTo(422);
        assertThat(fields(missingCounts)).containsExactlyInAnyOrder("accounts_actioned", "content_removed");

        var negative = other.api().post(path, actioned(-1, 2));
        assertThat(fields(negative)).containsExactly("accounts_actioned");

        var unreviewedAction = other.api().post(path, """
                {"outcome": "ACTIONED", "accounts_actioned": 1, "content_removed": 0, "human_reviewed": false}""");
        assertThat(fields(unreviewedAction)).containsExactly("human_reviewed");
        var unreviewedFalsePositive = other.api().post(path, outcome("FALSE_POSITIVE", false));
        assertThat(fields(unreviewedFalsePositive)).containsExactly("human_reviewed");
        var noReviewFlag = other.api().post(path, "{\"outcome\": \"NOT_FOUND\"}");
        assertThat(fields(noReviewFlag)).containsExactly("human_reviewed");

        var countsOnNotFound = other.api().post(path, """
                {"outcome": "NOT_FOUND", "human_reviewed": false, "accounts_actioned": 1, "report_reference": "CT-1"}""");
        assertThat(fields(countsOnNotFound)).containsExactlyInAnyOrder("accounts_actioned", "report_reference");

        var tooLong = other.api().post(path, """
                {"outcome": "REPORTED_TO_AUTHORITIES", "human_reviewed": true, "report_reference": "%s", "note": "%s"}"""
                .formatted("9".repeat(101), "n".repeat(1001)));
        assertThat(fields(tooLong)).containsExactlyInAnyOrder("report_reference", "note");

        // Nothing was stored by any refused request.
        assertThat(other.api().get(path).json().get("history")).isEmpty();
        // Automated outcomes need no review.
        assertThat(other.api().post(path, outcome("NOT_FOUND", false)).status()).isEqualTo(201);
    }

    @Test
    void oneCurrentFeedbackPerParticipantReplacedWithHistoryKept() {
        var owner = newMember("northwind");
        var b = newMember("fabrikam");
        var c = newMember("contoso");
        String id = share(owner, signalJson("USERNAME", "history_keeper_1", "GROOMING", 60));
        String path = "/api/v1/signals/" + id + "/feedback";

        var first = b.api().post(path, outcome("UNDER_REVIEW", false));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.json().get("revision").asInt()).isEqualTo(1);
        var second = b.api().post(path, """
                {"outcome": "ACTIONED", "accounts_actioned": 3, "content_removed": 12, "human_reviewed": true,
                 "report_reference": "CT-000123", "note": "three accounts banned"}""");
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.json().get("revision").asInt()).isEqualTo(2);
        assertThat(c.api().post(path, outcome("FALSE_POSITIVE", true)).status()).isEqualTo(201);

        // The owner sees every participant's current feedback and the whole history.
        var ownerView = owner.api().get(path);
        assertThat(ownerView.status()).isEqualTo(200);
        assertThat(ownerView.json().get("feedback")).hasSize(2);
        assertThat(ownerView.json().get("history")).hasSize(3);
        assertThat(ownerView.text()).contains("CT-000123", "three accounts banned", c.slug());
        JsonNode summary = ownerView.json().get("summary");
        assertThat(summary.get("participants").asInt()).isEqualTo(2);
        assertThat(summary.at("/outcomes/ACTIONED").asInt()).isEqualTo(1);
        assertThat(summary.at("/outcomes/UNDER_REVIEW").asInt()).isZero();
        assertThat(summary.at("/outcomes/FALSE_POSITIVE").asInt()).isEqualTo(1);
        // 0.6 + 0.4 * 0.25 = 0.7, halved by the false positive
        assertThat(summary.get("score").asInt()).isEqualTo(35);

        // Others see their own rows and the counts, never another participant's report.
        var cView = c.api().get(path);
        assertThat(cView.json().get("feedback")).hasSize(1);
        assertThat(cView.json().at("/feedback/0/outcome").asString()).isEqualTo("FALSE_POSITIVE");
        assertThat(cView.json().get("history")).hasSize(1);
        assertThat(cView.json().at("/summary/participants").asInt()).isEqualTo(2);
        assertThat(cView.text()).doesNotContain("CT-000123", "three accounts banned", b.slug());
        var outsider = newMember("tailspin");
        var outsiderView = outsider.api().get(path);
        assertThat(outsiderView.json().get("feedback")).isEmpty();
        assertThat(outsiderView.json().at("/summary/outcomes/ACTIONED").asInt()).isEqualTo(1);

        // The score is on the signal too.
        assertThat(outsider.api().get("/api/v1/signals/" + id).json().get("score").asInt()).isEqualTo(35);
    }

    @Test
    void ownersCannotGiveFeedbackAndInvisibleSignalsAreNotFound() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = share(owner, signalJson("DOMAIN", "own-feedback.example.org", "CSAM_DISTRIBUTION", 70));
        var own = owner.api().post("/api/v1/signals/" + id + "/feedback", outcome("CONFIRMED_NO_ACTION", true));
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.field("/type")).isEqualTo("urn:cairn:problem:own-signal");

        var unknown = other.api().post("/api/v1/signals/" + UUID.randomUUID() + "/feedback", outcome("NOT_FOUND", false));
        assertThat(unknown.status()).isEqualTo(404);

        owner.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"mistaken\"}");
        var retracted = other.api().post("/api/v1/signals/" + id + "/feedback", outcome("NOT_FOUND", false));
        assertThat(retracted.status()).isEqualTo(404);
        assertThat(other.api().get("/api/v1/signals/" + id + "/feedback").status()).isEqualTo(404);
        assertThat(other.api().post("/api/v1/signals/" + id + "/disputes", "{\"reason\": \"x\"}").status()).isEqualTo(404);

        var readOnly = keyFor(other, EnumSet.of(Scope.READ));
        String live = share(owner, signalJson("DOMAIN", "read-only.example.org", "CSAM_DISTRIBUTION", 70));
        assertThat(readOnly.post("/api/v1/signals/" + live + "/feedback", outcome("NOT_FOUND", false)).status()).isEqualTo(403);
        assertThat(readOnly.get("/api/v1/signals/" + live + "/feedback").status()).isEqualTo(200);
    }

    @Test
    void concurrentFeedbackKeepsOneCurrentRowPerParticipantAndConsistentAggregates() throws Exception {
        var owner = newMember("northwind");
        String id = share(owner, signalJson("EMAIL", "busy.signal@example.net", "SEXTORTION", 50));
        String path = "/api/v1/signals/" + id + "/feedback";
        int participants = 6;
        int rounds = 4;
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            members.add(newMember("member" + i));
        }
        // Each participant walks through outcomes; its last one decides the aggregates.
        String[][] script = {
                {outcome("UNDER_REVIEW", false), outcome("NOT_FOUND", false), outcome("UNDER_REVIEW", true), actioned(1, 2)},
                {outcome("UNDER_REVIEW", false), actioned(2, 0), outcome("CONFIRMED_NO_ACTION", true), outcome("FALSE_POSITIVE", true)},
        };
        ExecutorService pool = Executors.newFixedThreadPool(participants);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < participants; i++) {
                Member m = members.get(i);
                String[] mine = script[i % 2];
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        statuses.add(m.api().post(path, mine[r]).status());
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> f : results) {
                assertThat(f.get()).containsExactly(201, 200, 200, 200);
            }
        } finally {
            pool.shutdownNow();
        }
        UUID signal = UUID.fromString(id);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signal_feedback WHERE signal_id = ?").param(signal).query(Integer.class).single())
                .isEqualTo(participants);
        for (Member m : members) {
            List<Integer> revisions = jdbc.sql("SELECT revision FROM signal_feedback_history WHERE signal_id = ? AND participant_id = ? ORDER BY revision")
                    .params(signal, m.id()).query(Integer.class).list();
            assertThat(revisions).containsExactly(1, 2, 3, 4);
            assertThat(jdbc.sql("SELECT revision FROM signal_feedback WHERE signal_id = ? AND participant_id = ?")
                    .params(signal, m.id()).query(Integer.class).single()).isEqualTo(4);
        }
        // Three ended ACTIONED, three FALSE_POSITIVE: in the database, in memory and in the owner's view alike.
        FeedbackSummary memory = stats.get(signal);
        assertThat(memory.confirmations()).isEqualTo(3);
        assertThat(memory.falsePositives()).isEqualTo(3);
        assertThat(memory.notFound()).isZero();
        assertThat(memory.underReview()).isZero();
        assertThat(memory.revision()).isEqualTo((long) participants * rounds);
        Map<String, Object> stored = jdbc.sql("SELECT confirmations, false_positives, revision FROM feedback_summary WHERE signal_id = ?")
                .param(signal).query().singleRow();
        assertThat(((Number) stored.get("confirmations")).intValue()).isEqualTo(3);
        assertThat(((Number) stored.get("false_positives")).intValue()).isEqualTo(3);
        assertThat(((Number) stored.get("revision")).longValue()).isEqualTo(participants * rounds);
        var view = owner.api().get(path).json();
        assertThat(view.get("feedback")).hasSize(participants);
        assertThat(view.get("history")).hasSize(participants * rounds);
        assertThat(view.at("/summary/outcomes/ACTIONED").asInt()).isEqualTo(3);
        assertThat(view.at("/summary/outcomes/FALSE_POSITIVE").asInt()).isEqualTo(3);
        // 0.5 -> 0.5 + 0.5 * (1 - 0.75^3) = 0.7890625, * 0.5^3 = 0.0986 -> 10
        assertThat(view.at("/summary/score").asInt()).isEqualTo(10);
    }

    @Test
    void matchesCarryTheScoreAndMinScoreFiltersMatchesAndListings() {
        var owner = newMember("northwind");
        var b = newMember("fabrikam");
        String strong = share(owner, signalJson("KEYWORD", "min score strong phrase", "GROOMING", 90));
        String weak = share(owner, signalJson("KEYWORD", "min score weak phrase", "GROOMING", 90));
        assertThat(b.api().post("/api/v1/signals/" + weak + "/feedback", outcome("FALSE_POSITIVE", true)).status()).isEqualTo(201);
        String items = """
                [{"type": "KEYWORD", "value": "min score strong phrase"}, {"type": "KEYWORD", "value": "min score weak phrase"}]""";

        var all = b.api().post("/api/v1/match", "{\"items\": " + items + "}");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(all.json().at("/results/0/matches/0/score").asInt()).isEqualTo(90);
        assertThat(all.json().at("/results/1/matches/0/score").asInt()).isEqualTo(45);
        assertThat(all.json().at("/results/1/matches/0/open_disputes").asInt()).isZero();

        var filtered = b.api().post("/api/v1/match", "{\"items\": " + items + ", \"min_score\": 50}");
        assertThat(filtered.json().get("matched_items").asInt()).isEqualTo(1);
        assertThat(filtered.json().at("/results/0/matches/0/signal_id").asString()).isEqualTo(strong);
        var byParameter = b.api().post("/api/v1/match?min_score=50", items);
        assertThat(byParameter.json().get("matched_items").asInt()).isEqualTo(1);
        var bad = b.api().post("/api/v1/match", "{\"items\": " + items + ", \"min_score\": 101, \"colour\": 1}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(fields(bad)).containsExactlyInAnyOrder("min_score", "colour");

        var listing = b.api().get("/api/v1/signals?owner=" + owner.slug() + "&min_score=50");
        assertThat(listing.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        listing.json().get("signals").forEach(s -> ids.add(s.get("id").asString()));
        assertThat(ids).containsExactly(strong);
        assertThat(listing.json().at("/signals/0/score").asInt()).isEqualTo(90);
        var unfiltered = b.api().get("/api/v1/signals?owner=" + owner.slug() + "&limit=1");
        assertThat(unfiltered.json().get("signals")).hasSize(1);
        assertThat(unfiltered.field("/next_cursor")).isNotNull();
        assertThat(b.api().get("/api/v1/signals?min_score=x").status()).isEqualTo(400);
    }
}
