package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.DOMAIN;
import static dev.cairn.core.signal.SignalType.IP;
import static dev.cairn.core.signal.SignalType.URL;
import static org.assertj.core.api.Assertions.assertThat;

class UrlNormalizerTest {

    @Test
    void keyIsTheExpressionWithoutScheme() {
        assertThat(key(URL, "https://WWW.Evil.example:8080/gallery/x.html?id=1#a"))
                .isEqualTo("www.evil.example/gallery/x.html?id=1");
        assertThat(key(URL, "evil.example/gallery/")).isEqualTo("evil.example/gallery/");
        assertThat(key(URL, "evil.example")).isEqualTo("evil.example/");
        assertThat(key(URL, "http://evil.example/a")).isEqualTo(key(URL, "https://evil.example/a"));
    }

    @Test
    void evasiveVariantsShareTheKey() {
        String k = key(URL, "http://www.evil.example/gallery/x.html");
        assertThat(List.of(
                "hxxp://WWW.Evil.example:8080/gallery/../gallery/x.html#a",
                "www[.]evil[.]example/gallery/./x.html",
                "HTTPS://www.evil.example.//gallery//x.html",
                "http://www.evil.example/%67allery/x.html",
                "http://www.evil.example/%2567allery/x.html",
                "  http://user@www.evil.example/gallery/x.html\n"))
                .allSatisfy(v -> assertThat(key(URL, v)).isEqualTo(k));
    }

    @Test
    void signalOnADirectoryIsHitByAPageUnderIt() {
        String signal = key(URL, "evil.example/gallery/");
        List<Probe> probes = SignalNormalizer.probes(URL, "https://WWW.Evil.example:8080/gallery/x.html?id=1#a",
                NormalizeOptions.DEFAULT);
        assertThat(probes.get(0)).isEqualTo(new Probe(URL, "www.evil.example/gallery/x.html?id=1", MatchMethod.NORMALISED));
        assertThat(probes).contains(new Probe(URL, signal, MatchMethod.URL_EXPRESSION));
        assertThat(probes).contains(new Probe(DOMAIN, "www.evil.example", MatchMethod.NORMALISED),
                new Probe(DOMAIN, "evil.example", MatchMethod.SUBDOMAIN));
        assertThat(probes).noneMatch(p -> p.key().equals("example"));
    }

    @Test
    void unrelatedPathsAndHostsDoNotMatch() {
        String signal = key(URL, "evil.example/gallery/");
        assertThat(keys("http://evil.example/galleryx/1.html")).doesNotContain(signal);
        assertThat(keys("http://evil.example/other/gallery/1.html")).doesNotContain(signal);
        assertThat(keys("http://notevil.example/gallery/1.html")).doesNotContain(signal);
        assertThat(keys("http://evil.example.org/gallery/1.html")).doesNotContain(signal);
        assertThat(key(URL, "evil.example/a?x=1")).isNotEqualTo(key(URL, "evil.example/a?x=2"));
    }

    @Test
    void exactWhenGivenAsTheExpression() {
        assertThat(SignalNormalizer.probes(URL, "evil.example/x", NormalizeOptions.DEFAULT).get(0).method())
                .isEqualTo(MatchMethod.EXACT);
    }

    @Test
    void domainProbesStopAboveThePublicSuffix() {
        List<Probe> probes = SignalNormalizer.probes(URL, "http://a.b.evil.example.co.uk/", NormalizeOptions.DEFAULT);
        assertThat(probes).filteredOn(p -> p.type() == DOMAIN).extracting(Probe::key)
                .containsExactly("a.b.evil.example.co.uk", "b.evil.example.co.uk", "evil.example.co.uk",
                        "example.co.uk");
    }

    @Test
    void ipHostsGiveAnIpProbe() {
        List<Probe> probes = SignalNormalizer.probes(URL, "http://0xC0000201/x", NormalizeOptions.DEFAULT);
        assertThat(probes).contains(new Probe(IP, "192.0.2.1", MatchMethod.NORMALISED));
        assertThat(probes).noneMatch(p -> p.type() == DOMAIN);
        assertThat(SignalNormalizer.probes(URL, "http://[2001:DB8::1]/", NormalizeOptions.DEFAULT))
                .contains(new Probe(IP, "2001:db8::1", MatchMethod.NORMALISED));
    }

    @Test
    void rejectsWhatIsNotAUrl() {
        rejects(URL, "javascript:alert(1)").hasMessageContaining("port");
        rejects(URL, "mailto://someone@example.com").hasMessageContaining("scheme");
        rejects(URL, "http:///path-only").hasMessageContaining("no host");
        rejects(URL, "http://evil.example:80x/").hasMessageContaining("port");
        rejects(URL, "http://[2001:db8::zz]/").hasMessageContaining("IPv6");
        rejects(URL, "   ");
    }

    private static List<String> keys(String queryUrl) {
        return SignalNormalizer.probes(URL, queryUrl, NormalizeOptions.DEFAULT).stream()
                .filter(p -> p.type() == URL).map(Probe::key).toList();
    }
}
