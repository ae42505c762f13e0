package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNormalizerTest {

    @Test
    void formatsToE164() {
        assertThat(List.of("+1 202 555 0143", "(202) 555-0143", "202.555.0143", "+1-202-555-0143", "tel:+12025550143",
                "011 1 202 555 0143", "+1 (202) 555-0143 ext. 12", "＋１ ２０２ ５５５ ０１４３"))
                .allSatisfy(v -> assertThat(key(PHONE, v)).as(v).isEqualTo("+12025550143"));
    }

    @Test
    void defaultRegionReadsNationalFormat() {
        assertThat(SignalNormalizer.normalize(PHONE, "020 7946 0018", new NormalizeOptions("GB")).key())
                .isEqualTo("+442079460018");
        assertThat(SignalNormalizer.normalize(PHONE, "020 7946 0018", new NormalizeOptions("gb")).key())
                .isEqualTo("+442079460018");
        assertThat(SignalNormalizer.normalize(PHONE, "+44 20 7946 0018", new NormalizeOptions("US")).key())
                .isEqualTo("+442079460018");
    }

    @Test
    void differentNumbersDiffer() {
        assertThat(key(PHONE, "+1 202 555 0143")).isNotEqualTo(key(PHONE, "+1 202 555 0144"));
        assertThat(SignalNormalizer.normalize(PHONE, "202 555 0143", new NormalizeOptions("CA")).key())
                .isEqualTo("+12025550143"); // same NANP plan
    }

    @Test
    void rejectsImpossibleNumbers() {
        rejects(PHONE, "+1 202 555").hasMessageContaining("short");
        rejects(PHONE, "+1 202 555 0143 0143 01").hasMessageContaining("long");
        rejects(PHONE, "+999 1234 5678").hasMessageContaining("country");
        rejects(PHONE, "call me maybe").hasMessageContaining("not a phone number");
        rejects(PHONE, "555 0143").hasMessageContaining("area code");
        assertThatThrownBy(() -> SignalNormalizer.normalize(PHONE, "202 555 0143", new NormalizeOptions("XX")))
                .hasMessageContaining("region");
    }
}
