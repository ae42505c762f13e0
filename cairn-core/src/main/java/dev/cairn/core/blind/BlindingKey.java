package dev.cairn.core.blind;

import dev.cairn.core.signal.InvalidValueException;

import java.util.Base64;
import java.util.HexFormat;

/** Reads a consortium blinding key written as hex or base64 text (the CLI's key-file format). */
public final class BlindingKey {
    /** HMAC-SHA256 keys shorter than the digest weaken it; the consortium key must be at least this long. */
    public static final int MIN_BYTES = 32;

    private BlindingKey() {
    }

    /**
     * Parses the key text: surrounding whitespace ignored; all-hex text of even length is hex, anything else is
     * base64 (standard or URL-safe, padding optional). At least {@value #MIN_BYTES} bytes.
     *
     * @throws InvalidValueException when the text is neither encoding or the key is too short (never echoes the key)
     */
    public static byte[] parse(String text) {
        String s = text == null ? "" : text.strip();
        byte[] key;
        if (!s.isEmpty() && s.length() % 2 == 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
            key = HexFormat.of().parseHex(s);
        } else {
            try {
                key = (s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                        .decode(s);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("blinding key must be hex or base64 text");
            }
        }
        if (key.length < MIN_BYTES) {
            throw new InvalidValueException("blinding key must be at least " + MIN_BYTES + " bytes, got " + key.length);
        }
        return key;
    }
}
