package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.MD5;
import static dev.cairn.core.signal.SignalType.PDQ;
import static dev.cairn.core.signal.SignalType.SHA1;
import static dev.cairn.core.signal.SignalType.SHA256;
import static org.assertj.core.api.Assertions.assertThat;

class HashNormalizerTest {
    // digests of "abc"
    static final String MD5_ABC = "900150983cd24fb0d6963f7d28e17f72";
    static final String SHA1_ABC = "a9993e364706816aba3e25717850c26c9cd0d89d";
    static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hexAnyCase() {
        assertThat(key(MD5, MD5_ABC.toUpperCase())).isEqualTo(MD5_ABC);
        assertThat(key(SHA1, " " + SHA1_ABC + " ")).isEqualTo(SHA1_ABC);
        assertThat(key(SHA256, SHA256_ABC)).isEqualTo(SHA256_ABC);
        assertThat(key(PDQ, "F".repeat(64))).isEqualTo("f".repeat(64));
    }

    @Test
    void base64StandardAndUrlSafe() {
        byte[] sha = HexFormat.of().parseHex(SHA256_ABC);
        assertThat(key(SHA256, Base64.getEncoder().encodeToString(sha))).isEqualTo(SHA256_ABC);
        assertThat(key(SHA256, Base64.getUrlEncoder().withoutPadding().encodeToString(sha))).isEqualTo(SHA256_ABC);
        byte[] md5 = HexFormat.of().parseHex(MD5_ABC);
        assertThat(key(MD5, Base64.getEncoder().encodeToString(md5))).isEqualTo(MD5_ABC);
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xfb);
        assertThat(key(PDQ, Base64.getUrlEncoder().encodeToString(ff))).isEqualTo("fb".repeat(32));
        assertThat(key(PDQ, Base64.getEncoder().encodeToString(ff))).isEqualTo("fb".repeat(32));
    }

    @Test
    void rejectsWrongLengthOrAlphabet() {
        rejects(MD5, SHA1_ABC).hasMessageContaining("MD5");
        rejects(SHA1, MD5_ABC).hasMessageContaining("expected 20");
        rejects(SHA256, SHA256_ABC.substring(2)).hasMessageContaining("SHA-256");
        rejects(SHA256, SHA256_ABC.replace('b', 'g')).hasMessageContaining("SHA-256");
        rejects(MD5, "not a hash at all").hasMessageContaining("hex");
        rejects(MD5, "ab+c-d_e/f==========").hasMessageContaining("hex");
    }
}
