package dev.cairn.core.blind;

import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.normalize.SignalNormalizer;
import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test vectors published in docs/blinding.md. */
class BlinderTest {
    static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final Blinder BLINDER = new Blinder(HexFormat.of().parseHex(KEY_HEX));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "EMAIL    | J.Doe+tag@GoogleMail.com | jdoe@gmail.com                 | 74b6bc6fab2ab07e3a163393d0aad5ac29ec0ea93653ba105dc5f063915fbca9",
            "EMAIL    | jdoe@example.com         | jdoe@example.com               | ab7a5f6ad00449bbc572657ab5ae686ffab4428c8b22809b3b2fd990d5ea667c",
            "EMAIL    | Jöhn.Doe@Bücher.example  | jöhn.doe@xn--bcher-kva.example | 68dac65ad64377d2d7b35062c00a3d6641b0c4ef244c9e26ef08779ec530f89e",
            "USERNAME | Robux_Boy                | robuxboy                       | d098316ae1748d8c4adcbf82f0082b43c293396dad7d7e9f815c447f3080c3bd",
            "USERNAME | rοbux_bοy                | robuxboy                       | d098316ae1748d8c4adcbf82f0082b43c293396dad7d7e9f815c447f3080c3bd",
            "USERNAME | Mallory.1                | rnalloryl                      | e83f8be5ac91cb5655f63b4b21eba683d838410b9083a9926cbf5d70c2e16c5d",
            "PHONE    | +1 (202) 555-0143        | +12025550143                   | 71ec7c2de65b965fd1f08d932bf0313e60efe16f68816b41dbae3d1283c09ecf"})
    void publishedVectors(SignalType type, String raw, String matchKey, String blinded) {
        assertThat(SignalNormalizer.normalize(type, raw, NormalizeOptions.DEFAULT).key()).isEqualTo(matchKey);
        assertThat(BLINDER.blind(type, raw, NormalizeOptions.DEFAULT)).isEqualTo(blinded);
        assertThat(BLINDER.blindKey(type, matchKey)).isEqualTo(blinded);
        assertThat(SignalNormalizer.normalizeBlinded(type, blinded.toUpperCase()).key()).isEqualTo(blinded);
    }

    @Test
    void typesAreSeparated() {
        assertThat(BLINDER.blindKey(SignalType.USERNAME, "x")).isNotEqualTo(BLINDER.blindKey(SignalType.EMAIL, "x"));
    }

    @Test
    void onlyBlindableTypes() {
        assertThatThrownBy(() -> BLINDER.blind(SignalType.URL, "evil.example", NormalizeOptions.DEFAULT))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("cannot be blinded");
    }

    @Test
    void invalidValuesAreRejectedBeforeBlinding() {
        assertThatThrownBy(() -> BLINDER.blind(SignalType.EMAIL, "no-at-sign", NormalizeOptions.DEFAULT))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void keyParsing() {
        byte[] key = HexFormat.of().parseHex(KEY_HEX);
        assertThat(BlindingKey.parse(KEY_HEX.toUpperCase() + "\n")).isEqualTo(key);
        assertThat(BlindingKey.parse(Base64.getEncoder().encodeToString(key))).isEqualTo(key);
        assertThat(BlindingKey.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(key))).isEqualTo(key);
        assertThatThrownBy(() -> BlindingKey.parse(KEY_HEX.substring(2))).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> BlindingKey.parse("not a key!")).hasMessageContaining("hex or base64");
        assertThatThrownBy(() -> BlindingKey.parse("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Blinder(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
