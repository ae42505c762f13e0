package dev.cairn.core.pdq;

/**
 * The 8 dihedral variants of a PDQ hash, derived from the hash alone, for servers that never see the image.
 *
 * <p>Rotating or flipping an image transposes its DCT coefficients and/or negates those of odd horizontal or vertical
 * frequency. In the hash, a transpose is an exact permutation of bits; a negation flips a bit exactly when the
 * coefficient was not between the median and its mirror, so the derived variant differs from the variant hashed
 * from the transformed image only in coefficients close to the median (6–11 bits on average on the reference test
 * images, at most 30). Members who can hash the images should send the true 8 hashes ({@code cairn hash --dihedral}).
 *
 * <p>Bit {@code i * 16 + j} is coefficient (row i, column j), counted from the first hex character's high bit.
 */
public final class PdqDihedral {
    /** Per variant in the reference order: transpose?, negate odd columns?, negate odd rows?. */
    private static final boolean[][] VARIANTS = {
            {false, false, false}, // original
            {true, true, false},   // rotate 90
            {false, true, true},   // rotate 180
            {true, false, true},   // rotate 270
            {false, false, true},  // flip x
            {false, true, false},  // flip y
            {true, false, false},  // flip plus-1 (transpose)
            {true, true, true}};   // flip minus-1 (anti-transpose)

    private PdqDihedral() {
    }

    /** The 8 variants in the reference order: original, rot90, rot180, rot270, flipX, flipY, flip+1, flip-1. */
    public static PdqHash[] variants(PdqHash hash) {
        boolean[] bits = bits(hash);
        PdqHash[] out = new PdqHash[8];
        for (int v = 0; v < 8; v++) {
            boolean transpose = VARIANTS[v][0];
            boolean oddColumns = VARIANTS[v][1];
            boolean oddRows = VARIANTS[v][2];
            boolean[] t = new boolean[256];
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 16; j++) {
                    boolean b = bits[i * 16 + j] ^ (oddColumns && (j & 1) == 1) ^ (oddRows && (i & 1) == 1);
                    t[transpose ? j * 16 + i : i * 16 + j] = b;
                }
            }
            out[v] = fromBits(t);
        }
        return out;
    }

    private static boolean[] bits(PdqHash hash) {
        String hex = hash.toHex();
        boolean[] bits = new boolean[256];
        for (int c = 0; c < 64; c++) {
            int nibble = Character.digit(hex.charAt(c), 16);
            for (int b = 0; b < 4; b++) {
                bits[c * 4 + b] = ((nibble >> (3 - b)) & 1) == 1;
            }
        }
        return bits;
    }

    private static PdqHash fromBits(boolean[] bits) {
        char[] hex = new char[64];
        for (int c = 0; c < 64; c++) {
            int nibble = 0;
            for (int b = 0; b < 4; b++) {
                nibble = (nibble << 1) | (bits[c * 4 + b] ? 1 : 0);
            }
            hex[c] = Character.forDigit(nibble, 16);
        }
        return PdqHash.fromHex(new String(hex));
    }
}
