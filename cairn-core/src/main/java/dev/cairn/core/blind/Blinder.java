package dev.cairn.core.blind;

import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.normalize.SignalNormalizer;
import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Blinds EMAIL, USERNAME and PHONE identifiers with the consortium key (specified in {@code docs/blinding.md}):
 *
 * <pre>blinded = lowercase_hex( HMAC-SHA256( key, UTF-8( TYPE + ":" + matchKey ) ) )</pre>
 *
 * where TYPE is the upper-case type name ({@code EMAIL}, {@code USERNAME}, {@code PHONE}) and matchKey is
 * {@link SignalNormalizer#normalize}'s key. The type prefix separates domains, so one string blinded as two types gives
 * unrelated values and the server cannot link a username to an e-mail local part. Thread-safe: each thread gets its
 * own initialised {@link Mac}.
 */
public final class Blinder {
    private static final HexFormat HEX = HexFormat.of();
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    /** @param key the consortium key, at least {@value BlindingKey#MIN_BYTES} bytes (copied) */
    public Blinder(byte[] key) {
        if (key == null || key.length < BlindingKey.MIN_BYTES) {
            throw new IllegalArgumentException("blinding key must be at least " + BlindingKey.MIN_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** Normalises {@code rawValue} as {@code type} and blinds its match key. */
    public String blind(SignalType type, String rawValue, NormalizeOptions options) {
        requireBlindable(type);
        return blindKey(type, SignalNormalizer.normalize(type, rawValue, options).key());
    }

    /** Blinds an already-normalised match key. */
    public String blindKey(SignalType type, String matchKey) {
        requireBlindable(type);
        Mac m = mac.get();
        m.update(type.name().getBytes(StandardCharsets.US_ASCII));
        m.update((byte) ':');
        return HEX.formatHex(m.doFinal(matchKey.getBytes(StandardCharsets.UTF_8)));
    }

    private static void requireBlindable(SignalType type) {
        if (type == null || !type.blindable()) {
            throw new InvalidValueException("type " + type + " cannot be blinded (only EMAIL, USERNAME, PHONE)");
        }
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
