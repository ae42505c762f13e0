package dev.cairn.server.feedback;

import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.cairn.server.feedback.FeedbackApiTest.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario of the README's "Feedback, disputes and impact" section: northwind shares, fabrikam and contoso match
 * and report different outcomes, tailspin disputes.
 */
class ImpactApiTest extends ApiTestBase {

    private static void matchOnce(Member m, String body) {
        var r = m.api().post("/api/v1/match", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("matched_items").asInt()).isEqualTo(1);
    }

    private static List<JsonNode> flowsOf(JsonNode flows, Member... among) {
        List<String> ids = new ArrayList<>();
        for (Member m : among) {
            ids.add(m.id().toString());
        }
        List<JsonNode> out = new ArrayList<>();
        flows.get("flows").forEach(f -> {
            if (ids.contains(f.at("/from/id").asString()) && ids.contains(f.at("/to/id").asString())) {
                out.add(f);
            }
        });
        return out;
    }

    @Test
    void scriptedScenarioGivesTheDocumentedFigures() {
        var northwind = newMember("northwind");
        var fabrikam = newMember("fabrikam");
        var contoso = newMember("contoso");
        var tailspin = newMember("tailspin");
        Instant before = Instant.now().minusSeconds(1);
        String id = share(northwind, signalJson("EMAIL", "impact.scenario@example.com", "SEXTORTION", 80));
        share(northwind, signalJson("EMAIL", "never.matched@example.com", "SEXTORTION", 80));
        String query = "{\"items\": [{\"type\": \"EMAIL\", \"value\": \"Impact.Scenario@example.com\"}]}";

        matchOnce(fabrikam, query);
        matchOnce(contoso, query);
        matchOnce(contoso, query);
        matchOnce(northwind, query); // the owner's own match is not impact
        assertThat(fabrikam.api().post("/api/v1/signals/" + id + "/feedback", """
                {"outcome": "ACTIONED", "accounts_actioned": 2, "content_removed": 5, "human_reviewed": true}""").status())
                .isEqualTo(201);
        assertThat(contoso.api().post("/api/v1/signals/" + id + "/feedback", """
                {"outcome": "REPORTED_TO_AUTHORITIES", "report_reference": "CT-2026-000042", "human_reviewed": true}""").status())
                .isEqualTo(201);
        assertThat(tailspin.api().post("/api/v1/signals/" + id + "/disputes", "{\"reason\": \"a shared family inbox\"}").status())
                .isEqualTo(201);

        var impact = northwind.api().get("/api/v1/participants/me/impact");
        assertThat(impact.status()).as(impact.text()).isEqualTo(200);
        JsonNode totals = impact.json().get("totals");
        assertThat(totals.get("signals").asInt()).isEqualTo(1);
        assertThat(totals.get("matches").asInt()).isEqualTo(3);
        assertThat(totals.get("matching_participants").asInt()).isEqualTo(2);
        assertThat(totals.get("actions").asInt()).isEqualTo(1);
        assertThat(totals.get("accounts_actioned").asInt()).isEqualTo(2);
        assertThat(totals.get("content_removed").asInt()).isEqualTo(5);
        assertThat(totals.get("confirmations").asInt()).isEqualTo(2);
        assertThat(totals.get("false_positives").asInt()).isZero();
        assertThat(totals.get("reports_to_authorities").asInt()).isEqualTo(1);
        JsonNode row = impact.json().at("/signals/0");
        assertThat(impact.json().get("signals")).hasSize(1);
        assertThat(row.get("signal_id").asString()).isEqualTo(id);
        assertThat(row.get("matches").asInt()).isEqualTo(3);
        assertThat(row.get("matching_participants").asInt()).isEqualTo(2);
        assertThat(row.get("reports_to_authorities").asInt()).isEqualTo(1);
        // Counts only: no value a matching participant sent, no report reference, no participant names.
        assertThat(impact.text()).doesNotContain("Impact.Scenario", "impact.scenario", "CT-2026", fabrikam.slug(), contoso.slug());

        // 80 -> 0.8 + 0.2 * (1 - 0.75^2) = 0.8875, times 0.75 for the open dispute: 66.6 -> 67
        assertThat(fabrikam.api().get("/api/v1/signals/" + id).json().get("score").asInt()).isEqualTo(67);

        // A window that ends before the scenario holds nothing.
        var earlier = northwind.api().get("/api/v1/participants/me/impact?until=" + before);
        assertThat(earlier.json().at("/totals/matches").asInt()).isZero();
        assertThat(earlier.json().get("signals")).isEmpty();
        assertThat(northwind.api().get("/api/v1/participants/me/impact?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z")
                .status()).isEqualTo(400);

        // Flows: northwind -> fabrikam (actioned) and northwind -> contoso (reported). The operator sees both,
        // fabrikam only its own, tailspin (no match, no outcome) none.
        List<JsonNode> all = flowsOf(operator().get("/api/v1/impact/flows").json(), northwind, fabrikam, contoso, tailspin);
        assertThat(all).hasSize(2);
        JsonNode toContoso = all.get(0).at("/to/id").asString().equals(contoso.id().toString()) ? all.get(0) : all.get(1);
        JsonNode toFabrikam = toContoso == all.get(0) ? all.get(1) : all.get(0);
        assertThat(toFabrikam.at("/from/id").asString()).isEqualTo(northwind.id().toString());
        assertThat(toFabrikam.get("matches").asInt()).isEqualTo(1);
        assertThat(toFabrikam.get("signals_matched").asInt()).isEqualTo(1);
        assertThat(toFabrikam.get("actions").asInt()).isEqualTo(1);
        assertThat(toFabrikam.get("accounts_actioned").asInt()).isEqualTo(2);
        assertThat(toFabrikam.get("content_removed").asInt()).isEqualTo(5);
        assertThat(toContoso.get("matches").asInt()).isEqualTo(2);
        assertThat(toContoso.get("signals_matched").asInt()).isEqualTo(1);
        assertThat(toContoso.get("actions").asInt()).isZero();
        assertThat(toContoso.get("reports_to_authorities").asInt()).isEqualTo(1);

        var fabrikamFlows = fabrikam.api().get("/api/v1/impact/flows").json();
        assertThat(fabrikamFlows.get("flows")).hasSize(1);
        assertThat(fabrikamFlows.at("/flows/0/to/id").asString()).isEqualTo(fabrikam.id().toString());
        assertThat(northwind.api().get("/api/v1/impact/flows").json().get("flows")).hasSize(2);
        assertThat(tailspin.api().get("/api/v1/impact/flows").json().get("flows")).isEmpty();
    }

    @Test
    void impactPagesThroughTheOwnersSignals() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(share(owner, signalJson("KEYWORD", "impact paging phrase " + i, "GROOMING", 50)));
            matchOnce(other, "{\"items\": [{\"type\": \"KEYWORD\", \"value\": \"impact paging phrase " + i + "\"}]}");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = owner.api().get("/api/v1/participants/me/impact?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.json().at("/totals/matches").asInt()).isEqualTo(3);
            page.json().get("signals").forEach(s -> seen.add(s.get("signal_id").asString()));
            cursor = page.field("/next_cursor");
        } while (cursor != null);
        assertThat(seen).containsExactly(ids.get(2), ids.get(1), ids.get(0));
    }
}
