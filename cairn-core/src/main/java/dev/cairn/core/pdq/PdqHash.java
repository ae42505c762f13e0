package dev.cairn.core.pdq;

import java.util.Base64;

/**
 * A 256-bit PDQ hash. Bit {@code k} (0..255) is DCT coefficient {@code k = row * 16 + col} of the
 * 16x16 block; {@code w0} holds bits 0..63, {@code w3} bits 192..255.
 *
 * <p>The text form is the reference tool's: 64 lowercase hex digits reading the hash as one
 * big-endian 256-bit number, so the first digit carries bits 255..252 and the last bits 3..0. The
 * base64 form encodes the same 32 bytes in the same (big-endian) order.
 */
public record PdqHash(long w0, long w1, long w2, long w3) {

    public static final int BITS = 256;
    /** Longs per hash in the packed {@code long[]} layout used by the static helpers. */
    public static final int WORDS = 4;
    public static final PdqHash ZERO = new PdqHash(0, 0, 0, 0);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Parses 64 hex digits (either case). */
    public static PdqHash fromHex(CharSequence hex) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException("a PDQ hash is 64 hex digits");
        }
        long[] w = new long[4];
        for (int i = 0; i < 64; i++) {
            int v = Character.digit(hex.charAt(i), 16);
            if (v < 0) {
                throw new IllegalArgumentException("a PDQ hash is 64 hex digits; found a non-hex character at " + i);
            }
            int word = 3 - (i >>> 4);
            w[word] = (w[word] << 4) | v;
        }
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }

    /** Parses the base64 (standard or URL-safe alphabet, padding optional) of the 32 big-endian bytes. */
    public static PdqHash fromBase64(String b64) {
        byte[] bytes;
        try {
            String s = b64.strip();
            bytes = (s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("a PDQ hash in base64 must encode 32 bytes");
        }
        return fromBytes(bytes);
    }

    /** The 32 bytes, most significant (bits 255..248) first. */
    public static PdqHash fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a PDQ hash is 32 bytes");
        }
        long[] w = new long[4];
        for (int i = 0; i < 32; i++) {
            int word = 3 - (i >>> 3);
            w[word] = (w[word] << 8) | (bytes[i] & 0xFF);
        }
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }

    /** Reads the hash stored at {@code words[offset .. offset+3]}. */
    public static PdqHash fromWords(long[] words, int offset) {
        return new PdqHash(words[offset], words[offset + 1], words[offset + 2], words[offset + 3]);
    }

    /** Writes this hash into {@code words[offset .. offset+3]}. */
    public void toWords(long[] words, int offset) {
        words[offset] = w0;
        words[offset + 1] = w1;
        words[offset + 2] = w2;
        words[offset + 3] = w3;
    }

    public byte[] toBytes() {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (word(3 - (i >>> 3)) >>> (56 - 8 * (i & 7)));
        }
        return out;
    }

    public String toHex() {
        char[] out = new char[64];
        for (int i = 0; i < 64; i++) {
            long w = word(3 - (i >>> 4));
            out[i] = HEX[(int) (w >>> (60 - 4 * (i & 15))) & 0xF];
        }
        return new String(out);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(toBytes());
    }

    /** Word {@code i} (0..3); word 0 holds bits 0..63. */
    public long word(int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    public boolean bit(int k) {
        return ((word(k >>> 6) >>> (k & 63)) & 1L) != 0;
    }

    public PdqHash withBitFlipped(int k) {
        long m = 1L << (k & 63);
        return switch (k >>> 6) {
            case 0 -> new PdqHash(w0 ^ m, w1, w2, w3);
            case 1 -> new PdqHash(w0, w1 ^ m, w2, w3);
            case 2 -> new PdqHash(w0, w1, w2 ^ m, w3);
            case 3 -> new PdqHash(w0, w1, w2, w3 ^ m);
            default -> throw new IndexOutOfBoundsException(k);
        };
    }

    public int bitCount() {
        return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2) + Long.bitCount(w3);
    }

    /** Hamming distance, 0..256. */
    public int distance(PdqHash o) {
        return Long.bitCount(w0 ^ o.w0) + Long.bitCount(w1 ^ o.w1) + Long.bitCount(w2 ^ o.w2) + Long.bitCount(w3 ^ o.w3);
    }

    /** Hamming distance between this hash and the one packed at {@code words[offset..offset+3]}. */
    public int distance(long[] words, int offset) {
        return distance(words, offset, w0, w1, w2, w3);
    }

    /** Hamming distance between a packed hash and one given as its four words: the index's hot path. */
    public static int distance(long[] words, int offset, long q0, long q1, long q2, long q3) {
        return Long.bitCount(words[offset] ^ q0) + Long.bitCount(words[offset + 1] ^ q1)
                + Long.bitCount(words[offset + 2] ^ q2) + Long.bitCount(words[offset + 3] ^ q3);
    }

    /** Hamming distance between two packed hashes. */
    public static int distance(long[] a, int aOffset, long[] b, int bOffset) {
        return Long.bitCount(a[aOffset] ^ b[bOffset]) + Long.bitCount(a[aOffset + 1] ^ b[bOffset + 1])
                + Long.bitCount(a[aOffset + 2] ^ b[bOffset + 2]) + Long.bitCount(a[aOffset + 3] ^ b[bOffset + 3]);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
