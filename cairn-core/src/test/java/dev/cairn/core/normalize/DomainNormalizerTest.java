package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

class DomainNormalizerTest {

    @Test
    void caseTrailingDotDefangAndWildcard() {
        assertThat(key(DOMAIN, "Evil.Example.")).isEqualTo("evil.example");
        assertThat(key(DOMAIN, "evil[.]example")).isEqualTo("evil.example");
        assertThat(key(DOMAIN, "*.evil.example")).isEqualTo("evil.example");
        assertThat(key(DOMAIN, " EVIL.EXAMPLE ")).isEqualTo("evil.example");
    }

    @Test
    void idnToPunycode() {
        assertThat(key(DOMAIN, "Bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(key(DOMAIN, "xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(key(DOMAIN, "ＥＶＩＬ。example")).isEqualTo("evil.example"); // full-width letters and ideographic dot
        assertThat(key(DOMAIN, "bücher.example")).isNotEqualTo(key(DOMAIN, "bucher.example"));
    }

    @Test
    void probesWalkUpToButExcludingThePublicSuffix() {
        assertThat(SignalNormalizer.probes(DOMAIN, "a.b.evil.example.co.uk", NormalizeOptions.DEFAULT))
                .containsExactly(
                        new Probe(DOMAIN, "a.b.evil.example.co.uk", MatchMethod.EXACT),
                        new Probe(DOMAIN, "b.evil.example.co.uk", MatchMethod.SUBDOMAIN),
                        new Probe(DOMAIN, "evil.example.co.uk", MatchMethod.SUBDOMAIN),
                        new Probe(DOMAIN, "example.co.uk", MatchMethod.SUBDOMAIN));
        assertThat(SignalNormalizer.probes(DOMAIN, "WWW.evil.test", NormalizeOptions.DEFAULT))
                .containsExactly(
                        new Probe(DOMAIN, "www.evil.test", MatchMethod.NORMALISED),
                        new Probe(DOMAIN, "evil.test", MatchMethod.SUBDOMAIN));
        assertThat(SignalNormalizer.probes(DOMAIN, "evil.example.com", NormalizeOptions.DEFAULT))
                .extracting(Probe::key).containsExactly("evil.example.com", "example.com");
    }

    @Test
    void privateSuffixesAreSuffixesToo() {
        assertThat(SignalNormalizer.probes(DOMAIN, "someone.github.io", NormalizeOptions.DEFAULT))
                .extracting(Probe::key).containsExactly("someone.github.io");
        rejects(DOMAIN, "github.io").hasMessageContaining("public suffix");
    }

    @Test
    void rejectsBareSuffixesAndBadStructure() {
        rejects(DOMAIN, "com").hasMessageContaining("two labels");
        rejects(DOMAIN, "co.uk").hasMessageContaining("public suffix");
        rejects(DOMAIN, "evil..example").hasMessageContaining("empty label");
        rejects(DOMAIN, "-evil.example").hasMessageContaining("hyphen");
        rejects(DOMAIN, "evil!.example").hasMessageContaining("character");
        rejects(DOMAIN, "https://evil.example/").hasMessageContaining("URL");
        rejects(DOMAIN, "evil.example:8080").hasMessageContaining("port");
        rejects(DOMAIN, "192.0.2.1").hasMessageContaining("IP");
        rejects(DOMAIN, "a".repeat(64) + ".example").hasMessageContaining("63");
    }
}
