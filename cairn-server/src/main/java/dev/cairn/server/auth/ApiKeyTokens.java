package dev.cairn.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API key format: {@code cairn_<prefix>_<secret>}. The prefix (12 base32 characters) identifies the key in listings
 * and logs; the secret is 32 random bytes, base64url. Only SHA-256 of the whole token is stored: the secret has full
 * entropy, so a slow password hash would add latency to every request without adding security.
 */
public final class ApiKeyTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("cairn_([a-z2-7]{12})_([A-Za-z0-9_-]{43})");

    private ApiKeyTokens() {
    }

    public record Token(String prefix, String value) {
    }

    public static Token generate() {
        char[] prefix = new char[12];
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String p = new String(prefix);
        return new Token(p, "cairn_" + p + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The prefix of a well-formed token, or null. */
    public static String prefixOf(String token) {
        Matcher m = FORMAT.matcher(token);
        return m.matches() ? m.group(1) : null;
    }

    public static String hash(String token) {
        return dev.cairn.server.support.Hashes.sha256Hex(token);
    }

    /** Constant-time comparison, so response timing reveals nothing about how much of a hash matched. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
