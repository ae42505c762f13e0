package dev.cairn.core.pdq;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Decoded pixels as packed {@code 0xRRGGBB} in sRGB, row-major. {@code grey} marks a single-channel
 * source (then R = G = B) so the hasher can use the grey value itself as luminance, as the reference does.
 */
public record DecodedImage(int width, int height, int[] rgb, boolean grey) {

    public DecodedImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0 || (long) width * height > rgb.length) {
            throw new IllegalArgumentException("pixel array smaller than width x height");
        }
    }

    /** Converts any {@link BufferedImage}; alpha is dropped, not composited. */
    public static DecodedImage from(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = new int[Math.multiplyExact(w, h)];
        int[] row = new int[w];
        int[] scratch = new int[PixelRows.scratchSize(img)];
        for (int y = 0; y < h; y++) {
            PixelRows.readRow(img, y, row, scratch);
            System.arraycopy(row, 0, rgb, y * w, w);
        }
        return new DecodedImage(w, h, rgb, PixelRows.isGrey(img));
    }
}
