package dev.cairn.server.sharing;

import dev.cairn.server.auth.Scope;
import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read and write path × scope × visibility × participant: the owner, a member of the signal's sharing group
 * and an outsider, each with read-only, write and admin keys, against signals shared with ALL, a GROUP and PRIVATE.
 * Each cell states allowed or denied; the test lists every cell that disagrees.
 */
class AuthorisationMatrixTest extends ApiTestBase {

    enum Who { OWNER, MEMBER, OUTSIDER }

    @Test
    void everyEndpointEnforcesScopeAndVisibility() {
        var owner = newMember("northwind");
        var member = newMember("fabrikam");
        var outsider = newMember("contoso");
        String group = operator().post("/api/v1/sharing-groups", """
                {"name": "matrix-%d", "members": ["%s", "%s"]}""".formatted(System.nanoTime(), owner.id(), member.id()))
                .field("/id");

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String visibility : List.of("ALL", "GROUP", "PRIVATE")) {
            String value = "matrix-" + visibility.toLowerCase() + "-" + System.nanoTime() + ".example.org";
            var r = owner.api().post("/api/v1/signals", """
                    {"type": "DOMAIN", "value": "%s", "categories": ["GROOMING"], "confidence": 50,
                     "visibility": "%s"%s}""".formatted(value, visibility,
                    visibility.equals("GROUP") ? ", \"sharing_group\": \"" + group + "\"" : ""));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            // the response says who can see it, in the same field names as the request
            assertThat(r.field("/visibility")).isEqualTo(visibility);
            assertThat(r.field("/sharing_group")).isEqualTo(visibility.equals("GROUP") ? group : null);
            values.put(visibility, value);
            ids.put(visibility, r.field("/id"));
        }
        Map<Who, Member> who = Map.of(Who.OWNER, owner, Who.MEMBER, member, Who.OUTSIDER, outsider);
        List<String> wrong = new ArrayList<>();
        for (Who w : Who.values()) {
            for (Scope scope : Scope.values()) {
                ApiClient api = keyFor(who.get(w), EnumSet.of(scope));
                String feed = api.header("Accept", "application/x-ndjson").get("/api/v1/feed?types=DOMAIN").text();
                String listing = api.get("/api/v1/signals?type=DOMAIN&limit=1000&owner=" + owner.slug()).text();
                for (String visibility : values.keySet()) {
                    String id = ids.get(visibility);
                    boolean sees = w == Who.OWNER || visibility.equals("ALL") || (visibility.equals("GROUP") && w == Who.MEMBER);
                    String cell = w + "/" + scope + "/" + visibility + ": ";
                    check(wrong, cell + "get", api.get("/api/v1/signals/" + id).status(), sees ? 200 : 404);
                    check(wrong, cell + "list", listing.contains(id) ? 200 : 404, sees ? 200 : 404);
                    check(wrong, cell + "feed", feed.contains(id) ? 200 : 404, sees ? 200 : 404);
                    var match = api.post("/api/v1/match", "{\"items\": [{\"type\": \"DOMAIN\", \"value\": \"" + values.get(visibility) + "\"}]}");
                    check(wrong, cell + "match", match.text().contains(id) ? 200 : 404, sees ? 200 : 404);
                    int patch = api.patch("/api/v1/signals/" + id, "{\"confidence\": 51}").status();
                    int expectedPatch = scope == Scope.READ ? 403 : !sees ? 404 : w == Who.OWNER ? 200 : 403;
                    check(wrong, cell + "patch", patch, expectedPatch);
                    int feedback = api.post("/api/v1/signals/" + id + "/feedback",
                            "{\"outcome\": \"UNDER_REVIEW\", \"human_reviewed\": true}").status();
                    int expectedFeedback = scope == Scope.READ ? 403 : !sees ? 404 : w == Who.OWNER ? 409 : Set.of(200, 201).contains(feedback) ? feedback : 201;
                    check(wrong, cell + "feedback", feedback, expectedFeedback);
                }
                check(wrong, w + "/" + scope + ": submit", api.post("/api/v1/signals",
                        signalJson("KEYWORD", "matrix phrase " + w + scope, "GROOMING", 10)).status(), scope == Scope.READ ? 403 : 201);
                check(wrong, w + "/" + scope + ": keys", api.get("/api/v1/participants/me/keys").status(), scope == Scope.ADMIN ? 200 : 403);
                check(wrong, w + "/" + scope + ": audit", api.get("/api/v1/audit?limit=1").status(), scope == Scope.ADMIN ? 200 : 403);
                check(wrong, w + "/" + scope + ": create participant", api.post("/api/v1/participants",
                        "{\"slug\": \"nope-" + System.nanoTime() + "\", \"name\": \"Nope\"}").status(), 403);
                check(wrong, w + "/" + scope + ": create group", api.post("/api/v1/sharing-groups",
                        "{\"name\": \"nope-" + System.nanoTime() + "\"}").status(), 403);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void onlyMembersMayShareIntoAGroupAndGroupsAreListedToTheirMembers() {
        var owner = newMember("northwind");
        var outsider = newMember("contoso");
        String group = operator().post("/api/v1/sharing-groups", """
                {"name": "closed-%d", "members": ["%s"]}""".formatted(System.nanoTime(), owner.id())).field("/id");
        var refused = outsider.api().post("/api/v1/signals", """
                {"type": "DOMAIN", "value": "closed.example.org", "categories": ["GROOMING"], "confidence": 50,
                 "visibility": "GROUP", "sharing_group": "%s"}""".formatted(group));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("\"field\":\"sharing_group\"");
        var missing = owner.api().post("/api/v1/signals", """
                {"type": "DOMAIN", "value": "closed.example.org", "categories": ["GROOMING"], "confidence": 50, "visibility": "GROUP"}""");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(owner.api().get("/api/v1/sharing-groups").text()).contains(group);
        assertThat(outsider.api().get("/api/v1/sharing-groups").text()).doesNotContain(group);
    }

    private static void check(List<String> wrong, String cell, int actual, int expected) {
        if (actual != expected) {
            wrong.add(cell + " expected " + expected + " got " + actual);
        }
    }
}
