package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Bitcoin base58check (payload || first 4 bytes of SHA-256(SHA-256(payload))): encoding, decoding, verification. */
public final class Base58Check {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58Check() {
    }

    /** The base58check text of {@code payload} (version byte + data), checksum appended. */
    public static String encode(byte[] payload) {
        byte[] check = doubleSha256(payload);
        byte[] raw = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(check, 0, raw, payload.length, 4);
        int zeros = 0;
        while (zeros < raw.length && raw[zeros] == 0) {
            zeros++;
        }
        // repeated division of the big-endian base-256 number by 58
        byte[] num = raw.clone();
        char[] out = new char[raw.length * 2];
        int pos = out.length;
        int start = zeros;
        while (start < num.length) {
            int remainder = 0;
            for (int i = start; i < num.length; i++) {
                int acc = (remainder << 8) | (num[i] & 0xFF);
                num[i] = (byte) (acc / 58);
                remainder = acc % 58;
            }
            out[--pos] = ALPHABET.charAt(remainder);
            while (start < num.length && num[start] == 0) {
                start++;
            }
        }
        for (int i = 0; i < zeros; i++) {
            out[--pos] = '1';
        }
        return new String(out, pos, out.length - pos);
    }

    /** Decoded bytes, or {@code null} when a character is outside the base58 alphabet. */
    static byte[] decode(String s) {
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == '1') {
            zeros++;
        }
        // big-endian base-256 accumulator; size bound: log(58)/log(256) < 0.733
        byte[] b256 = new byte[s.length() * 733 / 1000 + 1];
        int used = 0;
        for (int i = zeros; i < s.length(); i++) {
            char ch = s.charAt(i);
            int carry = ch < 128 ? INDEX[ch] : -1;
            if (carry < 0) {
                return null;
            }
            int k = 0;
            for (int j = b256.length - 1; (carry != 0 || k < used) && j >= 0; j--, k++) {
                carry += 58 * (b256[j] & 0xFF);
                b256[j] = (byte) carry;
                carry >>>= 8;
            }
            used = k;
        }
        int skip = b256.length - used;
        byte[] out = new byte[zeros + used];
        System.arraycopy(b256, skip, out, zeros, used);
        return out;
    }

    /** The payload (version byte + data) after verifying the 4-byte checksum; throws with a reason otherwise. */
    static byte[] verify(String s) {
        byte[] raw = decode(s);
        if (raw == null) {
            throw new InvalidValueException("not a valid Bitcoin address: character outside the base58 alphabet");
        }
        if (raw.length < 5) {
            throw new InvalidValueException("not a valid Bitcoin address: too short");
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - 4);
        byte[] check = doubleSha256(payload);
        for (int i = 0; i < 4; i++) {
            if (check[i] != raw[payload.length + i]) {
                throw new InvalidValueException("not a valid Bitcoin address: base58check checksum mismatch");
            }
        }
        return payload;
    }

    static byte[] doubleSha256(byte[] data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return md.digest(md.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
