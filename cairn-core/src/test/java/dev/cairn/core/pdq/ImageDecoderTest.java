package dev.cairn.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final PdqHasher hasher = new PdqHasher();

    @Test
    void rejectsOversizedImagesFromTheHeaderAlone() throws IOException {
        byte[] bomb = pngHeaderOnly(100_000, 100_000);
        assertThatThrownBy(() -> new ImageDecoder().decode(bomb))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageContaining("100000x100000")
                .hasMessageContaining("over the limit");
        byte[] real = Files.readAllBytes(PdqTestData.file("images/bridge-1-original.png"));
        assertThatThrownBy(() -> new ImageDecoder(1_000_000).decode(real)).isInstanceOf(ImageDecodeException.class);
        assertThat(new ImageDecoder(1_606_400).decode(real).width()).isEqualTo(1600);
    }

    @Test
    void garbageAndTruncatedInputGiveADecodeException() throws IOException {
        assertThatThrownBy(() -> new ImageDecoder().decode("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageContaining("not a recognised image format");
        byte[] jpg = Files.readAllBytes(PdqTestData.file("images/wee.jpg"));
        byte[] truncated = java.util.Arrays.copyOf(jpg, 300);
        // A truncated JPEG either fails cleanly or decodes partially; it must never throw anything else.
        try {
            new ImageDecoder().decode(truncated);
        } catch (ImageDecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThatThrownBy(() -> new ImageDecoder().decode(pngHeaderOnly(10, 10)))
                .isInstanceOf(ImageDecodeException.class);
    }

    @Test
    void greyAlphaAndPaletteVariantsHashLikeTheirRgbSource() throws IOException {
        BufferedImage rgb = ImageIO.read(PdqTestData.file("images/square-256x256.png").toFile());
        PdqHashResult reference = hasher.hash(rgb);

        // Alpha is ignored, not composited: an ARGB copy with varying alpha hashes the same.
        BufferedImage argb = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                argb.setRGB(x, y, ((x * 7 + y) & 0xFF) << 24 | (rgb.getRGB(x, y) & 0xFFFFFF));
            }
        }
        assertThat(hasher.hash(roundTrip(argb, "png"))).isEqualTo(reference);

        // Grey: the grey value is the luminance, whatever Java2D's grey colour space would do to it.
        BufferedImage grey = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        int[] greyRgb = new int[rgb.getWidth() * rgb.getHeight()];
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int v = (rgb.getRGB(x, y) >> 8) & 0xFF;
                grey.getRaster().setSample(x, y, 0, v);
                greyRgb[y * rgb.getWidth() + x] = v * 0x010101;
            }
        }
        DecodedImage decodedGrey = new ImageDecoder().decode(pngBytes(grey));
        assertThat(decodedGrey.grey()).isTrue();
        assertThat(decodedGrey.rgb()).isEqualTo(greyRgb);
        assertThat(hasher.hash(decodedGrey)).isEqualTo(hasher.hash(grey));
    }

    @Test
    void decodesOtherContainers() throws IOException {
        BufferedImage rgb = ImageIO.read(PdqTestData.file("images/square-128x128.png").toFile());
        PdqHashResult reference = hasher.hash(rgb);
        for (String format : new String[] {"bmp", "tiff"}) {
            assertThat(hasher.hash(roundTrip(rgb, format))).as(format).isEqualTo(reference);
        }
        // GIF quantises to a palette; close, not equal.
        PdqHashResult gif = hasher.hash(roundTrip(rgb, "gif"));
        assertThat(gif.hash().distance(reference.hash())).isLessThan(40);
    }

    @Test
    void tinyImagesGetTheZeroHash() {
        PdqHashResult r = hasher.hash(new int[16], 4, 4);
        assertThat(r).isEqualTo(new PdqHashResult(PdqHash.ZERO, 0));
        assertThat(hasher.dihedral(new int[16], 4, 4).all()).containsOnly(PdqHash.ZERO);
    }

    @Test
    void packedPixelEntryAgreesWithBufferedImageEntry() throws IOException {
        BufferedImage img = ImageIO.read(PdqTestData.file("images/bridge-1-original.png").toFile());
        DecodedImage d = DecodedImage.from(img);
        assertThat(hasher.hash(d.rgb(), d.width(), d.height())).isEqualTo(hasher.hash(img));
        assertThat(hasher.dihedral(d.rgb(), d.width(), d.height())).isEqualTo(hasher.dihedral(img));
    }

    private static BufferedImage roundTrip(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).as("writer for " + format).isTrue();
        return new ImageDecoder().read(new java.io.ByteArrayInputStream(out.toByteArray()));
    }

    private static byte[] pngBytes(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A PNG signature and IHDR claiming the given size, then IEND: no pixel data at all. */
    private static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
