package dev.cairn.core.pdq;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files with ImageIO: the JDK readers (PNG in every colour type and depth, GIF, BMP)
 * plus the TwelveMonkeys plugins on the classpath (JPEG including CMYK and progressive, WebP, TIFF).
 *
 * <p>Safety: the dimensions are read from the header and checked against a pixel budget before any
 * pixel is decoded, so a small file that claims to be enormous (a decompression bomb) is refused
 * cheaply. Only the first frame of animated/multi-page formats is read.
 *
 * <p>Pixels are taken as stored: EXIF orientation is ignored and alpha is dropped without compositing,
 * both matching the reference PDQ tool (which reads the RGB channels and ignores the rest). Colour is
 * converted to sRGB only where the format is not already RGB/grey (palettes, CMYK, other ICC spaces).
 *
 * <p>Thread-safe: holds only its configuration.
 */
public final class ImageDecoder {

    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private final long maxPixels;

    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    public ImageDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public DecodedImage decode(Path file) throws IOException {
        return DecodedImage.from(read(file));
    }

    public DecodedImage decode(InputStream in) throws IOException {
        return DecodedImage.from(read(in));
    }

    public DecodedImage decode(byte[] bytes) throws IOException {
        return decode(new ByteArrayInputStream(bytes));
    }

    /** Reads the first frame as ImageIO produces it (colour model as stored). */
    public BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Reads the first frame; the stream is read but not closed. */
    public BufferedImage read(InputStream in) throws IOException {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageDecodeException("not a recognised image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageDecodeException("image has no pixels (" + width + "x" + height + ")");
                }
                if (width * height > maxPixels) {
                    throw new ImageDecodeException("image is " + width + "x" + height + " pixels, over the limit of "
                            + maxPixels + " pixels");
                }
                BufferedImage img = reader.read(0, reader.getDefaultReadParam());
                if (img == null) {
                    throw new ImageDecodeException("decoder returned no image");
                }
                return img;
            } catch (ImageDecodeException e) {
                throw e;
            } catch (IOException e) {
                throw new ImageDecodeException("corrupt, truncated or unsupported " + formatName(reader) + " image: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // Decoders signal malformed data with assorted unchecked exceptions.
                throw new ImageDecodeException("corrupt " + formatName(reader) + " image: " + e, e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
