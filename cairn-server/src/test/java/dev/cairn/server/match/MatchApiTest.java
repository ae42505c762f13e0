package dev.cairn.server.match;

import dev.cairn.core.blind.Blinder;
import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.signal.SignalType;
import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching through the API: the evasions a shared signal must see through, and how each hit is explained. */
class MatchApiTest extends ApiTestBase {

    private record Hit(int index, String signalId, String method) {
    }

    private static List<Hit> hits(ApiClient.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Hit> out = new ArrayList<>();
        r.json().get("results").forEach(res -> res.get("matches").forEach(m ->
                out.add(new Hit(res.get("index").asInt(), m.get("signal_id").asString(), m.get("method").asString()))));
        return out;
    }

    private String share(Member owner, String json) {
        var r = owner.api().post("/api/v1/signals", json);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.field("/id");
    }

    @Test
    void usernamesMatchThroughCaseSeparatorsAndConfusablesWithinTheirPlatform() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String scoped = share(owner, """
                {"type": "USERNAME", "value": "quiet_harbor_77", "platform": "example-games", "categories": ["GROOMING"], "confidence": 70}""");
        String anywhere = share(owner, """
                {"type": "USERNAME", "value": "lantern.keeper", "categories": ["GROOMING"], "confidence": 70}""");
        var r = other.api().post("/api/v1/match", """
                {"items": [
                  {"type": "USERNAME", "value": "quiet_harbor_77", "platform": "example-games"},
                  {"type": "USERNAME", "value": "Quiet.Harbor.77", "platform": "example-games"},
                  {"type": "USERNAME", "value": "qu\u0456et_h\u0430rbor_77", "platform": "example-games"},
                  {"type": "USERNAME", "value": "quiet\u200b_harbor_77", "platform": "example-chat"},
                  {"type": "USERNAME", "value": "LANTERN_KEEPER", "platform": "example-chat"}
                ]}""");
        List<Hit> hits = hits(r);
        assertThat(hits).contains(new Hit(0, scoped, "exact"), new Hit(1, scoped, "normalised"),
                new Hit(2, scoped, "confusable"), new Hit(4, anywhere, "normalised"));
        assertThat(hits).noneMatch(h -> h.index() == 3); // another platform's account
    }

    @Test
    void emailAliasesPhoneFormatsAndIpNotationsMatch() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String gmail = share(owner, signalJson("EMAIL", "jane.roe.demo@gmail.com", "SEXTORTION", 80));
        String phone = share(owner, signalJson("PHONE", "+12025550143", "SEXTORTION", 80));
        String ip = share(owner, signalJson("IP", "192.0.2.44", "SEXTORTION", 80));
        String block = share(owner, signalJson("IP", "198.51.100.0/24", "SEXTORTION", 80));
        var r = other.api().post("/api/v1/match", """
                {"items": [
                  {"type": "EMAIL", "value": "JaneRoeDemo+tips@googlemail.com"},
                  {"type": "PHONE", "value": "(202) 555-0143"},
                  {"type": "IP", "value": "::ffff:192.0.2.44"},
                  {"type": "IP", "value": "198.51.100.77"},
                  {"type": "IP", "value": "198.51.101.1"}
                ]}""");
        List<Hit> hits = hits(r);
        assertThat(hits).contains(new Hit(0, gmail, "normalised"), new Hit(1, phone, "normalised"),
                new Hit(2, ip, "normalised"), new Hit(3, block, "cidr"));
        assertThat(hits).noneMatch(h -> h.index() == 4);
    }

    @Test
    void urlsMatchByExpressionAndDomainsCoverTheirSubdomains() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String gallery = share(owner, signalJson("URL", "evil-gallery.example/gallery/", "CSAM_DISTRIBUTION", 90));
        String domain = share(owner, signalJson("DOMAIN", "trading-post.example.net", "CSAM_DISTRIBUTION", 90));
        var r = other.api().post("/api/v1/match", """
                {"items": [
                  {"type": "URL", "value": "https://WWW.Evil-Gallery.example:8080/gallery/../gallery/x.html?id=1#a"},
                  {"type": "URL", "value": "hxxp://cdn.trading-post.example.net/a/b.jpg"},
                  {"type": "DOMAIN", "value": "img.TRADING-POST.example.net."},
                  {"type": "URL", "value": "https://evil-gallery.example/other/"}
                ]}""");
        List<Hit> hits = hits(r);
        assertThat(hits).contains(new Hit(0, gallery, "url-expression"), new Hit(1, domain, "subdomain"),
                new Hit(2, domain, "subdomain"));
        assertThat(hits).noneMatch(h -> h.index() == 3);
    }

    @Test
    void blindedIdentifiersMatchOnlyBlindedSignals() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        Blinder consortium = new Blinder("consortium-test-key-0123456789abcdef".getBytes());
        String blinded = consortium.blind(SignalType.EMAIL, "Hidden.Person@Example.com", NormalizeOptions.DEFAULT);
        String id = share(owner, """
                {"type": "EMAIL", "value": "%s", "blinded": true, "categories": ["SEXTORTION"], "confidence": 80}""".formatted(blinded));
        String query = consortium.blind(SignalType.EMAIL, "hidden.person@example.com", NormalizeOptions.DEFAULT);
        var r = other.api().post("/api/v1/match", """
                {"items": [{"type": "EMAIL", "value": "%s", "blinded": true},
                           {"type": "EMAIL", "value": "hidden.person@example.com"}]}""".formatted(query));
        assertThat(hits(r)).containsExactly(new Hit(0, id, "exact"));
        var notBlindable = other.api().post("/api/v1/match",
                "{\"items\": [{\"type\": \"DOMAIN\", \"value\": \"%s\", \"blinded\": true}]}".formatted(query));
        assertThat(notBlindable.status()).isEqualTo(422);
        assertThat(notBlindable.text()).contains("[0].blinded");
    }

    @Test
    void brokenChecksumsAndMalformedItemsAreRefusedByIndex() {
        var owner = newMember("northwind");
        var refused = owner.api().post("/api/v1/signals", signalJson("CRYPTO_ADDRESS",
                "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "SEXTORTION", 60));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.field("/errors/0/field")).isEqualTo("value");
        assertThat(refused.field("/errors/0/reason")).containsIgnoringCase("checksum");

        var r = owner.api().post("/api/v1/match", """
                {"items": [{"type": "EMAIL", "value": "fine@example.com"}, {"type": "EMAIL", "value": "not-an-email"},
                           {"type": "MD5", "value": "abc"}, {"value": "x"}, {"type": "PDQ", "value": "%s", "max_distance": 65}]}"""
                .formatted("0".repeat(64)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("[1].value", "[2].value", "[3].type", "[4].max_distance").doesNotContain("[0].");
    }

    @Test
    void matchesAreRecordedAsEventsAndLookupIsAnAlias() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = share(owner, signalJson("SHA256", "a".repeat(64), "CSAM_KNOWN", 100));
        var r = other.api().post("/api/v1/lookup", "[{\"type\": \"SHA256\", \"value\": \"" + "A".repeat(64) + "\"}]");
        assertThat(hits(r)).containsExactly(new Hit(0, id, "normalised"));
        int events = jdbc.sql("SELECT COUNT(*) FROM match_event WHERE signal_id = ? AND matcher_id = ?")
                .params(java.util.UUID.fromString(id), other.id()).query(Integer.class).single();
        assertThat(events).isEqualTo(1);
    }
}
