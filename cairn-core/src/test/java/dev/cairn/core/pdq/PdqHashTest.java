package dev.cairn.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PdqHashTest {

    private static final String HEX = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

    @Test
    void hexRoundTripsAndFollowsReferenceBitOrder() {
        PdqHash h = PdqHash.fromHex(HEX);
        assertThat(h.toHex()).isEqualTo(HEX);
        assertThat(PdqHash.fromHex(HEX.toUpperCase())).isEqualTo(h);
        // The last hex digit holds bits 3..0: 0x2 sets bit 1 only.
        assertThat(h.bit(1)).isTrue();
        assertThat(h.bit(0)).isFalse();
        // The first digit holds bits 255..252: 0xd = 1101.
        assertThat(h.bit(255)).isTrue();
        assertThat(h.bit(253)).isFalse();
        assertThat(PdqHash.ZERO.withBitFlipped(0).toHex()).isEqualTo("0".repeat(63) + "1");
        assertThat(PdqHash.ZERO.withBitFlipped(255).toHex()).isEqualTo("8" + "0".repeat(63));
    }

    @Test
    void base64AndBytesAreTheBigEndianHex() {
        PdqHash h = PdqHash.fromHex(HEX);
        assertThat(h.toBytes()).isEqualTo(HexFormat.of().parseHex(HEX));
        assertThat(PdqHash.fromBase64(h.toBase64())).isEqualTo(h);
        assertThat(PdqHash.fromBase64(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(h.toBytes())))
                .isEqualTo(h);
    }

    @Test
    void distanceCountsDifferingBits() {
        PdqHash h = PdqHash.fromHex(HEX);
        assertThat(h.distance(h)).isZero();
        assertThat(h.distance(h.withBitFlipped(7).withBitFlipped(200))).isEqualTo(2);
        assertThat(PdqHash.ZERO.distance(new PdqHash(-1, -1, -1, -1))).isEqualTo(256);
        long[] packed = new long[8];
        h.toWords(packed, 4);
        assertThat(PdqHash.fromWords(packed, 4)).isEqualTo(h);
        assertThat(PdqHash.ZERO.distance(packed, 4)).isEqualTo(h.bitCount());
        assertThat(PdqHash.distance(packed, 0, packed, 4)).isEqualTo(h.bitCount());
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> PdqHash.fromHex(HEX.substring(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdqHash.fromHex("g" + HEX.substring(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdqHash.fromBase64("AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdqHash.fromBase64("!!!")).isInstanceOf(IllegalArgumentException.class);
    }
}
