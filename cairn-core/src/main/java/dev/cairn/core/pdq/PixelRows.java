package dev.cairn.core.pdq;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * Reads a {@link BufferedImage} one row at a time as packed {@code 0xRRGGBB}, the way the reference
 * loader sees pixels: colour channels as stored, alpha ignored (not composited), greyscale kept as the
 * grey value (not pushed through the JDK's linear-grey colour conversion, which would change it).
 */
final class PixelRows {

    private PixelRows() {}

    /** True when the image is a single grey channel (with or without alpha). */
    static boolean isGrey(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(cm instanceof java.awt.image.IndexColorModel)
                && img.getRaster().getNumBands() <= 2;
    }

    /**
     * Fills {@code out[0..width)} with row {@code y}. {@code scratch} must hold at least
     * {@code width * bands} ints.
     */
    static void readRow(BufferedImage img, int y, int[] out, int[] scratch) {
        int w = img.getWidth();
        Raster raster = img.getRaster();
        ColorModel cm = img.getColorModel();
        int type = img.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
            raster.getDataElements(0, y, w, 1, out);
            for (int x = 0; x < w; x++) {
                out[x] &= 0xFFFFFF;
            }
            return;
        }
        int bands = raster.getNumBands();
        if (isGrey(img)) {
            raster.getSamples(0, y, w, 1, 0, scratch);
            int shift = sampleShift(raster, 0);
            int scale = smallDepthScale(raster, 0);
            for (int x = 0; x < w; x++) {
                int g = (scratch[x] >>> shift) * scale;
                out[x] = g * 0x010101;
            }
            return;
        }
        if (cm instanceof ComponentColorModel && cm.getColorSpace().isCS_sRGB() && bands >= 3) {
            raster.getPixels(0, y, w, 1, scratch);
            int shift = sampleShift(raster, 0);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                int r = scratch[i] >>> shift;
                int g = scratch[i + 1] >>> shift;
                int b = scratch[i + 2] >>> shift;
                out[x] = (r << 16) | (g << 8) | b;
            }
            return;
        }
        // Palettes, packed formats and other colour spaces: let Java2D convert to sRGB. getRGB returns
        // non-premultiplied colour, so alpha is still ignored rather than composited.
        img.getRGB(0, y, w, 1, out, 0, w);
        for (int x = 0; x < w; x++) {
            out[x] &= 0xFFFFFF;
        }
    }

    static int scratchSize(BufferedImage img) {
        return img.getWidth() * Math.max(4, img.getRaster().getNumBands());
    }

    /** 16-bit samples keep their high byte; 8-bit and below need no shift. */
    private static int sampleShift(Raster raster, int band) {
        int bits = raster.getSampleModel().getSampleSize(band);
        return bits > 8 ? bits - 8 : 0;
    }

    /** 1-, 2- and 4-bit grey is stretched to 0..255 as libpng's expansion does. */
    private static int smallDepthScale(Raster raster, int band) {
        int bits = raster.getSampleModel().getSampleSize(band);
        return bits < 8 ? 255 / ((1 << bits) - 1) : 1;
    }
}
