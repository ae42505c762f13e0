package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;

import java.util.Base64;
import java.util.HexFormat;

/**
 * MD5, SHA1, SHA256, PDQ: key = lower-case hex of the digest. Accepted input: hex in any case, or base64 (standard or
 * URL-safe alphabet, padding optional). Hex wins when the text is all hex digits of exactly the right length; the two
 * encodings of one digest length never have the same length, so that rule is unambiguous.
 */
final class HashNormalizer implements TypeNormalizer {
    static final HashNormalizer MD5 = new HashNormalizer("MD5", 16);
    static final HashNormalizer SHA1 = new HashNormalizer("SHA-1", 20);
    static final HashNormalizer SHA256 = new HashNormalizer("SHA-256", 32);
    static final HashNormalizer PDQ = new HashNormalizer("PDQ", 32);

    private static final HexFormat HEX = HexFormat.of();
    private final String name;
    private final int bytes;

    private HashNormalizer(String name, int bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        String s = value.strip();
        if (s.length() == bytes * 2 && isHex(s)) {
            return Normalized.of(DomainNormalizer.asciiLower(s));
        }
        byte[] decoded = decodeBase64(s);
        if (decoded == null) {
            throw new InvalidValueException("not a " + name + " hash: expected " + bytes * 2
                    + " hex characters or the base64 of " + bytes + " bytes");
        }
        if (decoded.length != bytes) {
            throw new InvalidValueException("wrong length for a " + name + " hash: decodes to " + decoded.length
                    + " bytes, expected " + bytes);
        }
        return Normalized.of(HEX.formatHex(decoded));
    }

    private static byte[] decodeBase64(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean std = false;
        boolean url = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '/') {
                std = true;
            } else if (c == '-' || c == '_') {
                url = true;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '=')) {
                return null;
            }
        }
        if (std && url) {
            return null;
        }
        try {
            return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
