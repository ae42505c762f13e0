package dev.cairn.core.pdq;

import java.util.List;

/**
 * The hashes of the eight rotations/reflections of one image, computed from a single DCT, plus the
 * (shared) quality. {@link #all()} lists them in the reference order.
 */
public record DihedralHashes(
        PdqHash original,
        PdqHash rotate90,
        PdqHash rotate180,
        PdqHash rotate270,
        PdqHash flipX,
        PdqHash flipY,
        PdqHash flipPlus1,
        PdqHash flipMinus1,
        int quality) {

    /** original, rotate90, rotate180, rotate270, flipX, flipY, flipPlus1 (transpose), flipMinus1 (anti-transpose). */
    public List<PdqHash> all() {
        return List.of(original, rotate90, rotate180, rotate270, flipX, flipY, flipPlus1, flipMinus1);
    }
}
