package dev.cairn.bench.pdq;

import dev.cairn.core.pdq.DecodedImage;
import dev.cairn.core.pdq.ImageDecoder;
import dev.cairn.core.pdq.PdqHashResult;
import dev.cairn.core.pdq.PdqHasher;
import dev.cairn.core.pdq.DihedralHashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread images per second: hashing already-decoded pixels, and decode + hash from the encoded
 * bytes (in memory, so disk is not measured). Each operation is one image, cycling through the
 * shared reference set (mostly 1600x1004 photographs, some small).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PdqHashBench {

    private final PdqHasher hasher = new PdqHasher();
    private final ImageDecoder decoder = new ImageDecoder();
    private DecodedImage[] decoded;
    private byte[][] png;
    private byte[][] jpeg;
    private int i;

    @Setup
    public void setup() throws IOException {
        List<Path> pngs = BenchData.images(".png");
        List<Path> jpgs = BenchData.images(".jpg");
        png = new byte[pngs.size()][];
        decoded = new DecodedImage[pngs.size()];
        for (int k = 0; k < pngs.size(); k++) {
            png[k] = Files.readAllBytes(pngs.get(k));
            decoded[k] = decoder.decode(png[k]);
        }
        jpeg = new byte[jpgs.size()][];
        for (int k = 0; k < jpgs.size(); k++) {
            jpeg[k] = Files.readAllBytes(jpgs.get(k));
        }
    }

    @Benchmark
    public PdqHashResult hashDecodedPixels() {
        return hasher.hash(decoded[i++ % decoded.length]);
    }

    @Benchmark
    public DihedralHashes hashDecodedPixelsDihedral() {
        return hasher.dihedral(decoded[i++ % decoded.length]);
    }

    @Benchmark
    public PdqHashResult decodeAndHashPng() throws IOException {
        return hasher.hash(decoder.read(new java.io.ByteArrayInputStream(png[i++ % png.length])));
    }

    @Benchmark
    public PdqHashResult decodeAndHashJpeg() throws IOException {
        return hasher.hash(decoder.read(new java.io.ByteArrayInputStream(jpeg[i++ % jpeg.length])));
    }
}
