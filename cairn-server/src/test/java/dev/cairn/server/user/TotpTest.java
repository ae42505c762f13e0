package dev.cairn.server.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {
    /** The SHA-1 seed of RFC 6238 appendix B. */
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void matchesTheRfc6238TestVectors(long time, String expected) {
        assertThat(Totp.code(SEED, Totp.step(time), 8)).isEqualTo(expected);
        // 6-digit codes are the same truncation modulo 10^6
        assertThat(Totp.code(Totp.base32(SEED), time)).isEqualTo(expected.substring(2));
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Totp.decodeBase32("mzxw 6ytb oi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.base32(Totp.decodeBase32(secret))).isEqualTo(secret);
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        String secret = Totp.base32(SEED);
        long t = 1111111111;
        long step = Totp.step(t);
        assertThat(Totp.verify(secret, Totp.code(secret, t), t)).hasValue(step);
        assertThat(Totp.verify(secret, Totp.code(secret, t - 30), t)).hasValue(step - 1);
        assertThat(Totp.verify(secret, Totp.code(secret, t + 30), t)).hasValue(step + 1);
        assertThat(Totp.verify(secret, Totp.code(secret, t - 60), t)).isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, t + 60), t)).isEmpty();
        assertThat(Totp.verify(secret, "12345", t)).isEmpty();
        assertThat(Totp.verify(secret, "abcdef", t)).isEmpty();
        assertThat(Totp.verify(secret, null, t)).isEmpty();
    }

    @Test
    void theUriIsWhatAuthenticatorAppsImport() {
        assertThat(Totp.uri("Cairn", "jo analyst", "ABCDEF"))
                .isEqualTo("otpauth://totp/Cairn:jo%20analyst?secret=ABCDEF&issuer=Cairn&algorithm=SHA1&digits=6&period=30");
    }
}
