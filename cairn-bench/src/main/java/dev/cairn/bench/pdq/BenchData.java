package dev.cairn.bench.pdq;

import dev.cairn.core.pdq.PdqHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Synthetic hash sets and the shared reference images for the PDQ benchmarks. */
final class BenchData {

    private BenchData() {}

    /** The shared image directory: -Dcairn.pdq.images, else the first of shared/pdq/images found upwards. */
    static Path imagesDir() {
        String prop = System.getProperty("cairn.pdq.images");
        if (prop != null) {
            return Path.of(prop);
        }
        for (String c : List.of("../shared/pdq/images", "../../shared/pdq/images", "shared/pdq/images")) {
            Path p = Path.of(c);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("PDQ images not found; pass -Dcairn.pdq.images=DIR (via -jvmArgsAppend)");
    }

    static List<Path> images(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(imagesDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /**
     * {@code n} hashes packed 4 longs each. "random": uniform bits. "clustered": 4,000 random centres,
     * each hash a centre with 0..48 random bits flipped, as near-duplicate families cluster in real feeds.
     */
    static long[] hashes(String kind, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] words = new long[4 * n];
        if (kind.equals("random")) {
            for (int i = 0; i < words.length; i++) {
                words[i] = rnd.nextLong();
            }
            return words;
        }
        if (!kind.equals("clustered")) {
            throw new IllegalArgumentException(kind);
        }
        int centres = 4000;
        long[] c = new long[4 * centres];
        for (int i = 0; i < c.length; i++) {
            c[i] = rnd.nextLong();
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(c, 4 * rnd.nextInt(centres), words, 4 * i, 4);
            flip(words, 4 * i, rnd.nextInt(49), rnd);
        }
        return words;
    }

    /** Flips exactly {@code bits} distinct bits of the hash at {@code words[o..o+3]}. */
    static void flip(long[] words, int o, int bits, SplittableRandom rnd) {
        long[] mask = new long[4];
        int done = 0;
        while (done < bits) {
            int b = rnd.nextInt(256);
            long m = 1L << (b & 63);
            if ((mask[b >>> 6] & m) == 0) {
                mask[b >>> 6] |= m;
                done++;
            }
        }
        for (int k = 0; k < 4; k++) {
            words[o + k] ^= mask[k];
        }
    }

    /** {@code count} queries, each a stored hash (index recorded) with 1..31 bits flipped, spread evenly. */
    static PdqHash[] queries(long[] words, int n, int count, int[] sourceOut, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PdqHash[] qs = new PdqHash[count];
        long[] tmp = new long[4];
        for (int i = 0; i < count; i++) {
            int src = rnd.nextInt(n);
            System.arraycopy(words, 4 * src, tmp, 0, 4);
            flip(tmp, 0, 1 + (i % 31), rnd);
            qs[i] = PdqHash.fromWords(tmp, 0);
            sourceOut[i] = src;
        }
        return qs;
    }
}
