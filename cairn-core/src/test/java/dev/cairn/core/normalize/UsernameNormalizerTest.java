package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;

class UsernameNormalizerTest {

    @Test
    void evasionsOfOneHandleShareTheKey() {
        String k = key(USERNAME, "robux_boy");
        assertThat(List.of(
                "Robux_Boy",
                "Robux.Boy",
                "robux-boy",
                "robuxboy",
                "@robux_boy",
                "rοbux_bοy",          // Greek omicron
                "ʀᴏʙᴜx_ʙᴏʏ",          // Latin small capitals
                "ＲＯＢＵＸ＿ＢＯＹ",      // full-width
                "rob\u200Bux\u200D_boy", // zero-width space and joiner
                "r0bux_b0y",          // digit zero
                "robux\u2010boy",     // Unicode hyphen
                "robux boy"))
                .allSatisfy(v -> assertThat(key(USERNAME, v)).as(v).isEqualTo(k));
    }

    @Test
    void differentHandlesDoNotMatch() {
        String k = key(USERNAME, "robux_boy");
        assertThat(key(USERNAME, "robux_boys")).isNotEqualTo(k);
        assertThat(key(USERNAME, "robax_boy")).isNotEqualTo(k);
        assertThat(key(USERNAME, "boy_robux")).isNotEqualTo(k);
        assertThat(key(USERNAME, "robux_bоy1")).isNotEqualTo(k);
    }

    @Test
    void formKeepsConfusablesKeyMapsThem() {
        Normalized greek = SignalNormalizer.normalize(USERNAME, "Rοbux.Bοy", NormalizeOptions.DEFAULT);
        assertThat(greek.form()).isEqualTo("rοbuxbοy");
        assertThat(greek.key()).isEqualTo("robuxboy");
    }

    @Test
    void probeMethods() {
        assertThat(probe("robuxboy").method()).isEqualTo(MatchMethod.EXACT);
        assertThat(probe("Robux_Boy").method()).isEqualTo(MatchMethod.NORMALISED);
        assertThat(probe("rοbux_bοy").method()).isEqualTo(MatchMethod.CONFUSABLE);
        assertThat(probe("ʀᴏʙᴜx_ʙᴏʏ").method()).isEqualTo(MatchMethod.CONFUSABLE);
    }

    @Test
    void matchMethodComparesForms() {
        Normalized stored = SignalNormalizer.normalize(USERNAME, "mallory_1", NormalizeOptions.DEFAULT);
        // "m" has the skeleton "rn", so a query needs the pair to tell normalised from confusable
        String q = "Mallory.1";
        Probe p = probe(q);
        assertThat(p.method()).isEqualTo(MatchMethod.CONFUSABLE);
        Normalized query = SignalNormalizer.normalize(USERNAME, q, NormalizeOptions.DEFAULT);
        assertThat(SignalNormalizer.matchMethod(p, q, query, stored)).isEqualTo(MatchMethod.NORMALISED);
        String exact = "mallory1";
        assertThat(SignalNormalizer.matchMethod(probe(exact), exact,
                SignalNormalizer.normalize(USERNAME, exact, NormalizeOptions.DEFAULT), stored))
                .isEqualTo(MatchMethod.EXACT);
        String spoof = "rnallory_l";
        Normalized spoofed = SignalNormalizer.normalize(USERNAME, spoof, NormalizeOptions.DEFAULT);
        assertThat(spoofed.key()).isEqualTo(stored.key());
        assertThat(SignalNormalizer.matchMethod(probe(spoof), spoof, spoofed, stored))
                .isEqualTo(MatchMethod.CONFUSABLE);
    }

    @Test
    void rejectsEmpty() {
        rejects(USERNAME, "._-").hasMessageContaining("empty");
        rejects(USERNAME, "\u200B\u200B");
    }

    private static Probe probe(String v) {
        List<Probe> probes = SignalNormalizer.probes(USERNAME, v, NormalizeOptions.DEFAULT);
        assertThat(probes).hasSize(1);
        return probes.get(0);
    }
}
