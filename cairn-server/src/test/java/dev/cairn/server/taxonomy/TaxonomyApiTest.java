package dev.cairn.server.taxonomy;

import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaxonomyApiTest extends ApiTestBase {

    @Test
    void theDefaultCseaTaxonomyIsSeeded() {
        var member = newMember("northwind");
        var r = member.api().get("/api/v1/taxonomy");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("CSAM_KNOWN", "CSAM_PRODUCTION", "CSAM_DISTRIBUTION", "SEXTORTION", "GROOMING",
                "TRAFFICKING", "CONTACT_OFFENCE", "SELF_GENERATED_COERCED", "AI_GENERATED_CSAM", "ADULT_SEEKING_ACCESS");
        assertThat(r.json().at("/categories/0/retention_days").asInt()).isPositive();
    }

    @Test
    void theOperatorAddsAndDeprecatesCategories() {
        var member = newMember("northwind");
        String code = "TEST_CATEGORY_" + (System.nanoTime() % 100000);
        String body = "{\"code\": \"" + code + "\", \"name\": \"Test\", \"description\": \"A test category\", \"retention_days\": 30}";
        assertThat(member.api().post("/api/v1/taxonomy", body).status()).isEqualTo(403);
        var added = operator().post("/api/v1/taxonomy", body);
        assertThat(added.status()).isEqualTo(201);
        assertThat(operator().post("/api/v1/taxonomy", body).status()).isEqualTo(409);
        var invalid = operator().post("/api/v1/taxonomy", "{\"code\": \"lower\", \"name\": \"x\", \"description\": \"y\", \"retention_days\": 0}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.text()).contains("\"field\":\"code\"", "\"field\":\"retention_days\"");

        assertThat(member.api().post("/api/v1/signals", signalJson("DOMAIN", "cat.example.org", code, 50)).status()).isEqualTo(201);
        assertThat(operator().post("/api/v1/taxonomy/" + code + "/deprecate", "").status()).isEqualTo(200);
        var refused = member.api().post("/api/v1/signals", signalJson("DOMAIN", "cat2.example.org", code, 50));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("deprecated");
        assertThat(operator().post("/api/v1/taxonomy/NO_SUCH_CODE/deprecate", "").status()).isEqualTo(404);
    }
}
