package dev.cairn.core.pdq;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Computes PDQ hashes following the published algorithm (Meta's "PDQ" perceptual hash): float
 * luminance, a two-pass Jarosz tent filter decimated to 64x64, the first 16x16 DCT-II coefficients
 * (excluding DC) thresholded at their median, and a gradient-based quality score.
 *
 * <p>Like the reference tool, an image with a side over 512 pixels is first squashed to 512x512 by
 * nearest-neighbour sampling; this keeps hashes identical to the reference's and bounds the work and
 * the scratch memory (at most 512x512 floats per buffer) whatever the input size.
 *
 * <p>The arithmetic deliberately mirrors the reference implementation operation for operation in
 * {@code float} (running box sums, left-to-right DCT accumulation): a coefficient sitting next to the
 * median can flip a bit if the rounding differs, and the goal is bit-for-bit agreement.
 *
 * <p><b>Not thread-safe.</b> An instance owns its scratch buffers (about 2.5 MB at most); use
 * one instance per thread (e.g. a {@code ThreadLocal}) or a pool.
 */
public final class PdqHasher {

    /** Images with a side shorter than this get the all-zero hash and quality 0, as in the reference. */
    public static final int MIN_DIMENSION = 5;

    private static final int DOWN = 64;
    private static final int COEFFS = 16;
    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;
    /** Side above which the reference tool squashes the image to PRESCALE x PRESCALE first. */
    static final int PRESCALE = 512;

    /** Rows 1..16 of the 64-point DCT-II basis (row 0, the DC term, is not part of the hash). */
    private static final float[] DCT = dctMatrix();

    private float[] full1 = new float[0];
    private float[] full2 = new float[0];
    private float[] narrow1 = new float[0];
    private float[] narrow2 = new float[0];
    private float[] line = new float[0];
    private float[] colSums = new float[0];
    private int[] rowRgb = new int[0];
    private int[] rowScratch = new int[0];
    private final int[] srcRows = new int[PRESCALE];
    private final int[] srcCols = new int[PRESCALE];
    private final int[] pickRows = new int[DOWN];
    private final int[] pickCols = new int[DOWN];
    private final float[] down = new float[DOWN * DOWN];
    private final float[] half = new float[COEFFS * DOWN];
    private final float[] coeffs = new float[COEFFS * COEFFS];
    private final float[] transformed = new float[COEFFS * COEFFS];
    private final float[] sorted = new float[COEFFS * COEFFS];
    private final long[] bits = new long[4];

    // ---------------------------------------------------------------- public entry points

    public PdqHashResult hash(BufferedImage image) {
        int q = lumaFromImage(image);
        return new PdqHashResult(q < 0 ? PdqHash.ZERO : toHash(coeffs), Math.max(q, 0));
    }

    public PdqHashResult hash(DecodedImage image) {
        int q = lumaFromPacked(image.rgb(), image.width(), image.height(), image.grey());
        return new PdqHashResult(q < 0 ? PdqHash.ZERO : toHash(coeffs), Math.max(q, 0));
    }

    /** @param rgb packed {@code 0xRRGGBB} (any alpha byte is ignored), row-major, {@code width * height} long at least */
    public PdqHashResult hash(int[] rgb, int width, int height) {
        checkPacked(rgb, width, height);
        int q = lumaFromPacked(rgb, width, height, false);
        return new PdqHashResult(q < 0 ? PdqHash.ZERO : toHash(coeffs), Math.max(q, 0));
    }

    public DihedralHashes dihedral(BufferedImage image) {
        return dihedralFromCoeffs(lumaFromImage(image));
    }

    public DihedralHashes dihedral(DecodedImage image) {
        return dihedralFromCoeffs(lumaFromPacked(image.rgb(), image.width(), image.height(), image.grey()));
    }

    public DihedralHashes dihedral(int[] rgb, int width, int height) {
        checkPacked(rgb, width, height);
        return dihedralFromCoeffs(lumaFromPacked(rgb, width, height, false));
    }

    // ---------------------------------------------------------------- luminance

    private static void checkPacked(int[] rgb, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height > rgb.length) {
            throw new IllegalArgumentException("pixel array smaller than width x height");
        }
    }

    /** Returns the quality, or -1 when the image is too small to hash. */
    private int lumaFromPacked(int[] rgb, int width, int height, boolean grey) {
        int w = prescaledSize(width, height);
        int h = w > 0 ? w : height;
        w = w > 0 ? w : width;
        if (w < MIN_DIMENSION || h < MIN_DIMENSION) {
            return -1;
        }
        float[] luma = ensureFull(w * h);
        fillSourceIndex(srcCols, width, w);
        fillSourceIndex(srcRows, height, h);
        for (int y = 0, o = 0; y < h; y++) {
            int rowStart = srcRows[y] * width;
            for (int x = 0; x < w; x++, o++) {
                int p = rgb[rowStart + srcCols[x]];
                luma[o] = grey ? (p & 0xFF) : luma(p);
            }
        }
        return downsampleAndTransform(w, h);
    }

    private int lumaFromImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int w = prescaledSize(width, height);
        int h = w > 0 ? w : height;
        w = w > 0 ? w : width;
        if (w < MIN_DIMENSION || h < MIN_DIMENSION) {
            return -1;
        }
        float[] luma = ensureFull(w * h);
        fillSourceIndex(srcCols, width, w);
        fillSourceIndex(srcRows, height, h);
        if (rowRgb.length < width) {
            rowRgb = new int[width];
        }
        int scratch = PixelRows.scratchSize(image);
        if (rowScratch.length < scratch) {
            rowScratch = new int[scratch];
        }
        boolean grey = PixelRows.isGrey(image);
        int loadedRow = -1;
        for (int y = 0, o = 0; y < h; y++) {
            if (srcRows[y] != loadedRow) {
                loadedRow = srcRows[y];
                PixelRows.readRow(image, loadedRow, rowRgb, rowScratch);
            }
            for (int x = 0; x < w; x++, o++) {
                int p = rowRgb[srcCols[x]];
                luma[o] = grey ? (p & 0xFF) : luma(p);
            }
        }
        return downsampleAndTransform(w, h);
    }

    /**
     * The reference tool first squashes any image with a side over 512 to exactly 512x512 by
     * nearest-neighbour sampling (CImg's default resize), ignoring aspect ratio, to bound the cost of
     * the tent filter. Hashes are only comparable across implementations that agree on this step, so
     * we do the same. Returns 512 when that applies, otherwise 0 (keep the size).
     */
    static int prescaledSize(int width, int height) {
        return width > PRESCALE || height > PRESCALE ? PRESCALE : 0;
    }

    /** Output index i reads source index floor(i * from / to), computed in double like CImg. */
    private static void fillSourceIndex(int[] map, int from, int to) {
        for (int i = 0; i < to; i++) {
            map[i] = from == to ? i : (int) ((double) i * from / to);
        }
    }

    /** Same grouping as the reference: (R + G) + B, each term a float product. */
    private static float luma(int p) {
        return LUMA_R * ((p >>> 16) & 0xFF) + LUMA_G * ((p >>> 8) & 0xFF) + LUMA_B * (p & 0xFF);
    }

    private float[] ensureFull(int n) {
        if (full1.length < n) {
            full1 = new float[n];
            full2 = new float[n];
        }
        return full1;
    }

    // ---------------------------------------------------------------- downsample, quality, DCT

    private int downsampleAndTransform(int width, int height) {
        if (width == DOWN && height == DOWN) {
            // Already 64x64: the reference hashes it unfiltered.
            System.arraycopy(full1, 0, down, 0, DOWN * DOWN);
        } else {
            tentDownsample(width, height);
        }
        int quality = quality(down);
        dct64To16();
        return quality;
    }

    /**
     * Two rounds of (box along rows, box along columns) then point-sampling 64x64 pixel centres.
     * The second round only needs the 64 sampled columns through the column pass, and every column
     * is filtered independently, so it runs on a height x 64 strip: same sums in the same order as
     * filtering the whole image, a fraction of the work.
     */
    private void tentDownsample(int width, int height) {
        int windowAlongRows = windowSize(width);
        int windowAlongCols = windowSize(height);
        for (int i = 0; i < DOWN; i++) {
            pickRows[i] = (int) (((i + 0.5) * height) / DOWN);
            pickCols[i] = (int) (((i + 0.5) * width) / DOWN);
        }
        if (line.length < width) {
            line = new float[width];
        }
        int strip = height * DOWN;
        if (narrow1.length < strip) {
            narrow1 = new float[strip];
            narrow2 = new float[strip];
        }
        if (colSums.length < Math.max(width, DOWN)) {
            colSums = new float[Math.max(width, DOWN)];
        }

        // Round 1 over the whole image.
        for (int r = 0; r < height; r++) {
            boxLine(full1, r * width, full2, r * width, width, windowAlongRows);
        }
        boxColumns(full2, full1, height, width, windowAlongCols);

        // Round 2: rows (keeping only sampled columns), then columns of the strip.
        for (int r = 0; r < height; r++) {
            boxLine(full1, r * width, line, 0, width, windowAlongRows);
            int o = r * DOWN;
            for (int j = 0; j < DOWN; j++) {
                narrow1[o + j] = line[pickCols[j]];
            }
        }
        boxColumns(narrow1, narrow2, height, DOWN, windowAlongCols);
        for (int i = 0; i < DOWN; i++) {
            System.arraycopy(narrow2, pickRows[i] * DOWN, down, i * DOWN, DOWN);
        }
    }

    /** Half of a 1/64 block per pass, rounded up: two passes then span one output pixel. */
    static int windowSize(int dimension) {
        return (dimension + 2 * DOWN - 1) / (2 * DOWN);
    }

    /**
     * Centred moving average with a shrinking window at the edges, as a running sum: add the entering
     * sample, then subtract the leaving one, then divide by the live window size.
     */
    private static void boxLine(float[] in, int inOff, float[] out, int outOff, int length, int window) {
        int halfWindow = (window + 2) / 2;
        int lead = halfWindow - 1;
        int grow = window - halfWindow + 1;
        int slide = length - window;
        int shrink = halfWindow - 1;
        float sum = 0f;
        int count = 0;
        int ri = inOff;
        int li = inOff;
        int oi = outOff;
        for (int i = 0; i < lead; i++) {
            sum += in[ri++];
            count++;
        }
        for (int i = 0; i < grow; i++) {
            sum += in[ri++];
            count++;
            out[oi++] = sum / count;
        }
        for (int i = 0; i < slide; i++) {
            sum += in[ri++];
            sum -= in[li++];
            out[oi++] = sum / count;
        }
        for (int i = 0; i < shrink; i++) {
            sum -= in[li++];
            count--;
            out[oi++] = sum / count;
        }
    }

    /** {@link #boxLine} down every column at once, walking rows so memory is read sequentially. */
    private void boxColumns(float[] in, float[] out, int rows, int cols, int window) {
        int halfWindow = (window + 2) / 2;
        int lead = halfWindow - 1;
        int grow = window - halfWindow + 1;
        int slide = rows - window;
        int shrink = halfWindow - 1;
        float[] sums = colSums;
        Arrays.fill(sums, 0, cols, 0f);
        int count = 0;
        int ri = 0;
        int li = 0;
        int oi = 0;
        for (int i = 0; i < lead; i++, ri += cols) {
            for (int j = 0; j < cols; j++) {
                sums[j] += in[ri + j];
            }
            count++;
        }
        for (int i = 0; i < grow; i++, ri += cols, oi += cols) {
            count++;
            for (int j = 0; j < cols; j++) {
                float s = sums[j] + in[ri + j];
                sums[j] = s;
                out[oi + j] = s / count;
            }
        }
        for (int i = 0; i < slide; i++, ri += cols, li += cols, oi += cols) {
            for (int j = 0; j < cols; j++) {
                float s = sums[j] + in[ri + j];
                s -= in[li + j];
                sums[j] = s;
                out[oi + j] = s / count;
            }
        }
        for (int i = 0; i < shrink; i++, li += cols, oi += cols) {
            count--;
            for (int j = 0; j < cols; j++) {
                float s = sums[j] - in[li + j];
                sums[j] = s;
                out[oi + j] = s / count;
            }
        }
    }

    /** Sum of quantised absolute neighbour differences, scaled so that 100 means "plenty of structure". */
    private static int quality(float[] img) {
        int gradientSum = 0;
        for (int i = 0; i < DOWN - 1; i++) {
            for (int j = 0; j < DOWN; j++) {
                int d = (int) ((img[i * DOWN + j] - img[(i + 1) * DOWN + j]) * 100f / 255f);
                gradientSum += Math.abs(d);
            }
        }
        for (int i = 0; i < DOWN; i++) {
            for (int j = 0; j < DOWN - 1; j++) {
                int d = (int) ((img[i * DOWN + j] - img[i * DOWN + j + 1]) * 100f / 255f);
                gradientSum += Math.abs(d);
            }
        }
        return Math.min(gradientSum / 90, 100);
    }

    /**
     * coeffs = D * down * D^T with D the 16x64 basis. Each output is accumulated over k in increasing
     * order starting from zero, which is what the reference's unrolled loops do.
     */
    private void dct64To16() {
        float[] a = down;
        float[] t = half;
        Arrays.fill(t, 0f);
        for (int i = 0; i < COEFFS; i++) {
            int tRow = i * DOWN;
            for (int k = 0; k < DOWN; k++) {
                float d = DCT[i * DOWN + k];
                int aRow = k * DOWN;
                for (int j = 0; j < DOWN; j++) {
                    t[tRow + j] += d * a[aRow + j];
                }
            }
        }
        for (int i = 0; i < COEFFS; i++) {
            int tRow = i * DOWN;
            for (int j = 0; j < COEFFS; j++) {
                int dRow = j * DOWN;
                float sum = 0f;
                for (int k = 0; k < DOWN; k++) {
                    sum += t[tRow + k] * DCT[dRow + k];
                }
                coeffs[i * COEFFS + j] = sum;
            }
        }
    }

    private static float[] dctMatrix() {
        float scale = (float) Math.sqrt(2.0 / DOWN);
        float[] m = new float[COEFFS * DOWN];
        for (int i = 0; i < COEFFS; i++) {
            for (int j = 0; j < DOWN; j++) {
                m[i * DOWN + j] = (float) (scale * StrictMath.cos((Math.PI / 2.0 / DOWN) * (i + 1) * (2 * j + 1)));
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- bits and dihedral variants

    /** Bit k is set when coefficient k is strictly above the median (the 128th smallest of 256). */
    private PdqHash toHash(float[] c) {
        System.arraycopy(c, 0, sorted, 0, sorted.length);
        Arrays.sort(sorted);
        float median = sorted[sorted.length / 2 - 1];
        bits[0] = bits[1] = bits[2] = bits[3] = 0;
        for (int k = 0; k < c.length; k++) {
            if (c[k] > median) {
                bits[k >>> 6] |= 1L << (k & 63);
            }
        }
        return new PdqHash(bits[0], bits[1], bits[2], bits[3]);
    }

    private static final int SIGN_NONE = 0;
    private static final int SIGN_EVEN_ROW = 1;
    private static final int SIGN_EVEN_COL = 2;
    private static final int SIGN_ODD_SUM = 3;

    /**
     * A rotation or reflection of the image maps DCT coefficient (u, v) to (u, v) or (v, u) with a sign
     * of (-1)^u, (-1)^v or (-1)^(u+v) (u, v counted from 1, so "even index" means odd frequency).
     */
    private PdqHash transformedHash(boolean transpose, int signRule) {
        for (int i = 0; i < COEFFS; i++) {
            for (int j = 0; j < COEFFS; j++) {
                float v = coeffs[i * COEFFS + j];
                boolean negate = switch (signRule) {
                    case SIGN_EVEN_ROW -> (i & 1) == 0;
                    case SIGN_EVEN_COL -> (j & 1) == 0;
                    case SIGN_ODD_SUM -> ((i + j) & 1) == 1;
                    default -> false;
                };
                transformed[transpose ? j * COEFFS + i : i * COEFFS + j] = negate ? -v : v;
            }
        }
        return toHash(transformed);
    }

    private DihedralHashes dihedralFromCoeffs(int quality) {
        if (quality < 0) {
            PdqHash z = PdqHash.ZERO;
            return new DihedralHashes(z, z, z, z, z, z, z, z, 0);
        }
        return new DihedralHashes(
                toHash(coeffs),
                transformedHash(true, SIGN_EVEN_COL),
                transformedHash(false, SIGN_ODD_SUM),
                transformedHash(true, SIGN_EVEN_ROW),
                transformedHash(false, SIGN_EVEN_ROW),
                transformedHash(false, SIGN_EVEN_COL),
                transformedHash(true, SIGN_NONE),
                transformedHash(true, SIGN_ODD_SUM),
                quality);
    }
}
