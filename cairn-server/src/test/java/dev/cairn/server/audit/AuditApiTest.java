package dev.cairn.server.audit;

import dev.cairn.core.audit.AuditChain;
import dev.cairn.core.audit.AuditRecord;
import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditApiTest extends ApiTestBase {

    private List<JsonNode> entries(ApiClient api, String query) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = "0";
        while (true) {
            var page = api.get("/api/v1/audit?limit=10000&after=" + cursor + query);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("entries").forEach(out::add);
            // each read is itself audited, so "until empty" would never end: a short page means caught up
            if (page.json().get("entries").size() < 10000) {
                return out;
            }
            cursor = page.field("/next_cursor");
        }
    }

    private static AuditRecord record(JsonNode e) {
        return new AuditRecord(e.get("seq").asLong(), e.get("at").asString(), e.get("actor_type").asString(),
                e.get("actor_id").asString(), e.get("participant").asString(), e.get("action").asString(),
                e.get("target_type").asString(), e.get("target_id").asString(), e.get("outcome").asString(),
                e.get("request_id").asString(), e.get("detail").asString(), e.get("prev_hash").asString(),
                e.get("hash").asString());
    }

    @Test
    void readsWritesMatchesAndFailuresAreRecordedWithIdsButNeverValues() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = owner.api().post("/api/v1/signals", signalJson("EMAIL", "audited.person@example.com", "SEXTORTION", 80)).field("/id");
        other.api().get("/api/v1/signals/" + id);
        other.api().post("/api/v1/match", "{\"items\": [{\"type\": \"EMAIL\", \"value\": \"audited.person@example.com\"}, {\"type\": \"MD5\", \"value\": \"" + "0".repeat(32) + "\"}]}");
        other.api().patch("/api/v1/signals/" + id, "{\"confidence\": 1}");
        new ApiClient(port, "cairn_aaaaaaaaaaaa_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB").get("/api/v1/signals");

        List<JsonNode> all = entries(operator(), "");
        assertThat(all).anySatisfy(e -> {
            assertThat(e.get("action").asString()).isEqualTo("GET /api/v1/signals/{id}");
            assertThat(e.get("target_id").asString()).isEqualTo(id);
            assertThat(e.get("participant").asString()).isEqualTo(other.id().toString());
            assertThat(e.get("outcome").asString()).isEqualTo("SUCCESS");
        });
        assertThat(all).anySatisfy(e -> {
            assertThat(e.get("action").asString()).isEqualTo("POST /api/v1/match");
            assertThat(e.get("detail").asString()).isEqualTo("items=2 matched_items=1 matches=1");
        });
        assertThat(all).anySatisfy(e -> {
            assertThat(e.get("action").asString()).isEqualTo("PATCH /api/v1/signals/{id}");
            assertThat(e.get("outcome").asString()).isEqualTo("DENIED");
        });
        assertThat(all).anySatisfy(e -> {
            assertThat(e.get("outcome").asString()).isEqualTo("AUTH_FAILED");
            assertThat(e.get("actor_id").asString()).isEqualTo("key-prefix:aaaaaaaaaaaa");
        });
        String dump = String.join("\n", jdbc.sql("SELECT * FROM audit_log").query((rs, i) -> {
            StringBuilder sb = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                sb.append(rs.getString(c)).append('|');
            }
            return sb.toString();
        }).list());
        assertThat(dump).doesNotContainIgnoringCase("audited.person");
    }

    @Test
    void participantAdminsSeeOnlyTheirOwnOrganisation() {
        var member = newMember("contoso");
        member.api().get("/api/v1/taxonomy");
        List<JsonNode> own = entries(member.api(), "");
        assertThat(own).isNotEmpty().allSatisfy(e ->
                assertThat(e.get("participant").asString()).isEqualTo(member.id().toString()));
        var analyst = keyFor(member, java.util.EnumSet.of(dev.cairn.server.auth.Scope.WRITE));
        assertThat(analyst.get("/api/v1/audit").status()).isEqualTo(403);
    }

    @Test
    void theChainVerifiesAndDetectsTampering() {
        var member = newMember("northwind");
        for (int i = 0; i < 3; i++) {
            member.api().get("/api/v1/taxonomy");
        }
        List<JsonNode> all = entries(operator(), "");
        AuditChain.Verifier intact = new AuditChain.Verifier();
        all.forEach(e -> intact.accept(record(e)));
        assertThat(intact.problems()).isEmpty();

        long victim = all.get(all.size() / 2).get("seq").asLong();
        String original = jdbc.sql("SELECT detail FROM audit_log WHERE seq = ?").param(victim).query(String.class).single();
        jdbc.sql("UPDATE audit_log SET detail = 'rewritten by an intruder' WHERE seq = ?").param(victim).update();
        AuditChain.Verifier tampered = new AuditChain.Verifier();
        entries(operator(), "").stream().filter(e -> e.get("seq").asLong() <= all.getLast().get("seq").asLong())
                .forEach(e -> tampered.accept(record(e)));
        assertThat(tampered.problems()).anySatisfy(p -> assertThat(p).contains("entry " + victim, "modified"));
        // put it back so later tests see an intact chain
        jdbc.sql("UPDATE audit_log SET detail = ? WHERE seq = ?").params(original, victim).update();
    }
}
