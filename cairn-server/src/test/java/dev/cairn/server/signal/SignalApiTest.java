package dev.cairn.server.signal;

import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

class SignalApiTest extends ApiTestBase {

    @Autowired
    ExpiryJob expiryJob;

    /** One valid example of every signal type, in the form a member would send it. */
    static final List<String> EVERY_TYPE = List.of(
            signalJson("EMAIL", "Offender.One@Example.com", "SEXTORTION", 80),
            """
                    {"type": "USERNAME", "value": "Robux_Boy", "platform": "example-games", "categories": ["GROOMING"], "confidence": 70}""",
            signalJson("PHONE", "+1 202-555-0143", "SEXTORTION", 60),
            signalJson("URL", "https://files.example.net/gallery/", "CSAM_DISTRIBUTION", 90),
            signalJson("DOMAIN", "trade.example.org", "CSAM_DISTRIBUTION", 75),
            signalJson("IP", "192.0.2.15", "CSAM_DISTRIBUTION", 50),
            signalJson("KEYWORD", "demo coded phrase", "ADULT_SEEKING_ACCESS", 40),
            signalJson("MD5", "9e107d9d372bb6826bd81d3542a419d6", "CSAM_KNOWN", 100),
            signalJson("SHA1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "CSAM_KNOWN", 100),
            signalJson("SHA256", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592", "CSAM_KNOWN", 100),
            """
                    {"type": "PDQ", "value": "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22", "quality": 100, "categories": ["CSAM_KNOWN"], "confidence": 95}""",
            signalJson("CRYPTO_ADDRESS", "0x52908400098527886e0f7030069857d2e4169ee7", "SEXTORTION", 65));

    @Test
    void submitsEveryTypeAndAnotherMemberFindsIt() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        List<String> ids = new ArrayList<>();
        for (String body : EVERY_TYPE) {
            var r = owner.api().post("/api/v1/signals", body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(201);
            assertThat(r.field("/status")).isEqualTo("ACTIVE");
            assertThat(r.field("/owner/slug")).isEqualTo(owner.slug());
            assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/signals/" + r.field("/id"));
            ids.add(r.field("/id"));
        }
        for (String id : ids) {
            var r = other.api().get("/api/v1/signals/" + id);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.field("/id")).isEqualTo(id);
        }
        var match = other.api().post("/api/v1/match", """
                {"items": [{"type": "EMAIL", "value": "offender.one@example.com"},
                           {"type": "MD5", "value": "9E107D9D372BB6826BD81D3542A419D6"},
                           {"type": "EMAIL", "value": "nobody@example.com"}]}""");
        assertThat(match.status()).isEqualTo(200);
        assertThat(match.json().get("matched_items").asInt()).isEqualTo(2);
        assertThat(match.field("/results/0/matches/0/signal_id")).isEqualTo(ids.get(0));
        assertThat(match.field("/results/0/matches/0/owner/slug")).isEqualTo(owner.slug());
        assertThat(match.field("/results/1/matches/0/signal_id")).isEqualTo(ids.get(7));
        assertThat(match.json().at("/results/1/matches/0/categories/0").asString()).isEqualTo("CSAM_KNOWN");
    }

    @Test
    void defaultValidityComesFromTheCategoryRetention() {
        var owner = newMember("northwind");
        Instant before = Instant.now();
        var r = owner.api().post("/api/v1/signals", signalJson("DOMAIN", "retention.example.org", "ADULT_SEEKING_ACCESS", 50));
        Instant validUntil = Instant.parse(r.field("/valid_until"));
        assertThat(validUntil).isBetween(before.plus(180, ChronoUnit.DAYS).minusSeconds(5), before.plus(180, ChronoUnit.DAYS).plusSeconds(60));
    }

    @Test
    void invalidSubmissionsNameEveryBadFieldAndWriteNothing() {
        var owner = newMember("northwind");
        int before = count("signal");
        var r = owner.api().post("/api/v1/signals", """
                {"type": "EMAIL", "value": 42, "categories": [], "confidence": 101, "description": "%s", "colour": "red",
                 "valid_until": "2001-01-01T00:00:00Z", "platform": "example-chat"}""".formatted("x".repeat(2001)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.field("/type")).isEqualTo("urn:cairn:problem:validation-failed");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("value", "categories", "confidence", "description", "colour", "valid_until", "platform");
        assertThat(count("signal")).isEqualTo(before);
    }

    @Test
    void unknownTypeAndMissingFieldsAreExplained() {
        var owner = newMember("northwind");
        var r = owner.api().post("/api/v1/signals", "{\"type\": \"FAX\", \"value\": \"x\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("\"field\":\"type\"", "unknown signal type", "\"field\":\"categories\"",
                "\"field\":\"confidence\"", "is required");
    }

    @Test
    void malformedJsonIs400AndWrongMediaTypeIs415() {
        var owner = newMember("northwind");
        var r = owner.api().post("/api/v1/signals", "{\"type\": \"EMAIL\", ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field("/type")).isEqualTo("urn:cairn:problem:malformed-request");
        assertThat(r.field("/detail")).contains("not valid JSON");
        var wrongMedia = owner.api().post("/api/v1/signals", "type=EMAIL", "application/x-www-form-urlencoded");
        assertThat(wrongMedia.status()).isEqualTo(415);
        assertThat(wrongMedia.contentType()).startsWith("application/problem+json");
        var notObject = owner.api().post("/api/v1/signals", "[1, 2]");
        assertThat(notObject.status()).isEqualTo(422);
        assertThat(notObject.text()).contains("must be a JSON object");
    }

    @Test
    void oversizedBodyIs413AndWritesNothing() {
        var owner = newMember("northwind");
        int before = count("signal");
        String huge = "[" + ("{\"type\":\"KEYWORD\",\"value\":\"" + "a".repeat(1000) + "\"},").repeat(2100) + "{}]";
        var r = owner.api().post("/api/v1/signals/batch", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.field("/type")).isEqualTo("urn:cairn:problem:content-too-large");
        assertThat(count("signal")).isEqualTo(before);
    }

    @Test
    void batchIsAllOrNothingAndReportsEveryFailingItemByIndex() {
        var owner = newMember("northwind");
        int before = ownedSignals(owner);
        String batch = "[" + signalJson("DOMAIN", "ok-one.example.org", "GROOMING", 50) + ","
                + signalJson("DOMAIN", "ok-two.example.org", "GROOMING", 50) + ","
                + signalJson("EMAIL", "ok@example.com", "NOT_A_CATEGORY", 50) + ","
                + signalJson("DOMAIN", "ok-three.example.org", "GROOMING", 500) + "]";
        var r = owner.api().post("/api/v1/signals/batch", batch);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("[2].categories[0]", "[3].confidence");
        assertThat(r.text()).doesNotContain("\"[0].", "\"[1].");
        assertThat(ownedSignals(owner)).isEqualTo(before);

        String good = "[" + signalJson("DOMAIN", "ok-one.example.org", "GROOMING", 50) + ","
                + signalJson("DOMAIN", "ok-two.example.org", "GROOMING", 50) + "]";
        var ok = owner.api().post("/api/v1/signals/batch", good);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("created").asInt()).isEqualTo(2);
        assertThat(ownedSignals(owner)).isEqualTo(before + 2);
    }

    @Test
    void batchAcceptsNdjson() {
        var owner = newMember("northwind");
        String ndjson = signalJson("KEYWORD", "first phrase", "GROOMING", 30) + "\n\n"
                + signalJson("KEYWORD", "second phrase", "GROOMING", 30) + "\n";
        var r = owner.api().post("/api/v1/signals/batch", ndjson, "application/x-ndjson");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("created").asInt()).isEqualTo(2);
        var bad = owner.api().post("/api/v1/signals/batch", signalJson("KEYWORD", "x", "GROOMING", 30) + "\n{oops\n",
                "application/x-ndjson");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("line 2");
    }

    @Test
    void batchOfMoreThanTenThousandItemsIsRefusedWhole() {
        var owner = newMember("northwind");
        StringJoiner items = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 10_001; i++) {
            items.add("{\"type\":\"MD5\",\"value\":\"" + String.format("%032x", i) + "\",\"categories\":[\"CSAM_KNOWN\"],\"confidence\":9}");
        }
        int before = count("signal");
        var r = owner.api().post("/api/v1/signals/batch", items.toString());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.field("/detail")).contains("at most 10000 items");
        assertThat(count("signal")).isEqualTo(before);
    }

    @Test
    void onlyTheOwnerMayAmendOrRetract() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = owner.api().post("/api/v1/signals", signalJson("DOMAIN", "owned.example.org", "GROOMING", 50)).field("/id");

        var foreignPatch = other.api().patch("/api/v1/signals/" + id, "{\"confidence\": 1}");
        assertThat(foreignPatch.status()).isEqualTo(403);
        var foreignRetract = other.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"mine now\"}");
        assertThat(foreignRetract.status()).isEqualTo(403);
        var unchanged = owner.api().get("/api/v1/signals/" + id);
        assertThat(unchanged.json().get("confidence").asInt()).isEqualTo(50);
        assertThat(unchanged.field("/status")).isEqualTo("ACTIVE");

        var patched = owner.api().patch("/api/v1/signals/" + id, """
                {"confidence": 65, "categories": ["GROOMING", "SEXTORTION"], "description": "Seen in two cases"}""");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("confidence").asInt()).isEqualTo(65);
        assertThat(patched.json().get("version").asInt()).isEqualTo(2);
        assertThat(patched.headers().firstValue("ETag")).hasValue("\"2\"");

        var immutable = owner.api().patch("/api/v1/signals/" + id, "{\"value\": \"other.example.org\"}");
        assertThat(immutable.status()).isEqualTo(422);
        assertThat(immutable.text()).contains("cannot be changed");

        var stale = owner.api().header("If-Match", "\"1\"").patch("/api/v1/signals/" + id, "{\"confidence\": 70}");
        assertThat(stale.status()).isEqualTo(412);
    }

    @Test
    void retractedSignalStopsMatchingAndIsHiddenFromOthers() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = owner.api().post("/api/v1/signals", signalJson("DOMAIN", "retract-me.example.org", "GROOMING", 50)).field("/id");
        String query = "{\"items\": [{\"type\": \"DOMAIN\", \"value\": \"retract-me.example.org\"}]}";
        assertThat(other.api().post("/api/v1/match", query).json().get("matched_items").asInt()).isEqualTo(1);

        var missingReason = owner.api().post("/api/v1/signals/" + id + "/retract", "{}");
        assertThat(missingReason.status()).isEqualTo(422);
        assertThat(missingReason.text()).contains("\"field\":\"reason\"");

        var retracted = owner.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"false positive after review\"}");
        assertThat(retracted.status()).isEqualTo(200);
        assertThat(retracted.field("/status")).isEqualTo("RETRACTED");
        assertThat(other.api().post("/api/v1/match", query).json().get("matched_items").asInt()).isZero();
        assertThat(other.api().get("/api/v1/signals/" + id).status()).isEqualTo(404);
        assertThat(owner.api().get("/api/v1/signals/" + id).field("/status")).isEqualTo("RETRACTED");
        assertThat(owner.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"again\"}").status()).isEqualTo(409);
    }

    @Test
    void unknownAndForeignIdsAre404() {
        var owner = newMember("northwind");
        assertThat(owner.api().get("/api/v1/signals/01900000-0000-7000-8000-000000000000").status()).isEqualTo(404);
        var notUuid = owner.api().get("/api/v1/signals/not-a-uuid");
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(notUuid.text()).contains("\"field\":\"id\"");
        assertThat(owner.api().patch("/api/v1/signals/01900000-0000-7000-8000-000000000000", "{\"confidence\": 3}").status())
                .isEqualTo(404);
    }

    @Test
    void listingFiltersAndPagesWithACursor() {
        var owner = newMember("contoso");
        for (int i = 0; i < 5; i++) {
            owner.api().post("/api/v1/signals", signalJson("KEYWORD", "page phrase " + i, "GROOMING", 10 + i));
        }
        owner.api().post("/api/v1/signals", signalJson("DOMAIN", "page.example.org", "TRAFFICKING", 10));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Response page = owner.api().get("/api/v1/signals?owner=" + owner.slug() + "&type=keyword&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("signals").forEach(s -> seen.add(s.get("value").asString()));
            cursor = page.field("/next_cursor");
        } while (cursor != null);
        assertThat(seen).containsExactly("page phrase 4", "page phrase 3", "page phrase 2", "page phrase 1", "page phrase 0");

        var byCategory = owner.api().get("/api/v1/signals?owner=me&category=TRAFFICKING");
        assertThat(byCategory.json().get("signals")).hasSize(1);
        var bad = owner.api().get("/api/v1/signals?type=FAX&limit=0&cursor=zzz&created_since=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("\"field\":\"type\"", "\"field\":\"limit\"", "\"field\":\"cursor\"", "\"field\":\"created_since\"");
    }

    @Test
    void idempotencyKeyReplaysTheFirstResultAndRefusesADifferentBody() {
        var owner = newMember("northwind");
        ApiClient api = owner.api().header("Idempotency-Key", "submit-42");
        String body = signalJson("DOMAIN", "idempotent.example.org", "GROOMING", 50);
        var first = api.post("/api/v1/signals", body);
        var second = api.post("/api/v1/signals", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.field("/id")).isEqualTo(first.field("/id"));
        assertThat(second.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(ownedSignals(owner)).isEqualTo(1);

        var conflict = api.post("/api/v1/signals", signalJson("DOMAIN", "different.example.org", "GROOMING", 50));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.field("/type")).isEqualTo("urn:cairn:problem:idempotency-key-reused");
        assertThat(ownedSignals(owner)).isEqualTo(1);

        // Keys are per participant: another member may use the same key for its own request.
        var other = newMember("fabrikam");
        assertThat(other.api().header("Idempotency-Key", "submit-42").post("/api/v1/signals", body).status()).isEqualTo(201);
    }

    @Test
    void failedRequestsAreNotRememberedUnderTheirIdempotencyKey() {
        var owner = newMember("northwind");
        ApiClient api = owner.api().header("Idempotency-Key", "retry-me");
        var bad = api.post("/api/v1/signals", signalJson("DOMAIN", "retry.example.org", "GROOMING", 500));
        assertThat(bad.status()).isEqualTo(422);
        var again = api.post("/api/v1/signals", signalJson("DOMAIN", "retry.example.org", "GROOMING", 500));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.headers().firstValue("Idempotency-Replayed")).hasValue("true");
    }

    @Test
    void expiredSignalsStopMatchingAndTheJobMarksThem() throws InterruptedException {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String validUntil = Instant.now().plusSeconds(2).toString();
        String id = owner.api().post("/api/v1/signals", """
                {"type": "DOMAIN", "value": "short-lived.example.org", "categories": ["GROOMING"], "confidence": 50,
                 "valid_until": "%s"}""".formatted(validUntil)).field("/id");
        String query = "{\"items\": [{\"type\": \"DOMAIN\", \"value\": \"short-lived.example.org\"}]}";
        assertThat(other.api().post("/api/v1/match", query).json().get("matched_items").asInt()).isEqualTo(1);
        Thread.sleep(2500);
        assertThat(other.api().post("/api/v1/match", query).json().get("matched_items").asInt())
                .as("matching checks validity itself, before the job runs").isZero();
        expiryJob.run();
        assertThat(owner.api().get("/api/v1/signals/" + id).field("/status")).isEqualTo("EXPIRED");
    }
}
