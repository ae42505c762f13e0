package dev.cairn.bench.pdq;

import dev.cairn.core.pdq.PdqHash;
import dev.cairn.core.pdq.PdqIndex;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread query throughput of {@link PdqIndex} at distance 31, queries 1..31 bits away from a
 * stored hash, against a linear scan measured in the same run. Setup checks that every query finds
 * the hash it was derived from (recall), and prints the memory used per stored hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"})
public class PdqIndexBench {

    @Param({"1000000", "10000000"})
    public int size;

    @Param({"random", "clustered"})
    public String data;

    private static final int QUERIES = 8192;

    private long[] words;
    private PdqIndex index;
    private PdqHash[] queries;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        words = BenchData.hashes(data, size, 42);
        long[] ids = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = i;
        }
        index = new PdqIndex();
        long t0 = System.nanoTime();
        index.addAll(ids, words, size);
        long buildNanos = System.nanoTime() - t0;
        int[] src = new int[QUERIES];
        queries = BenchData.queries(words, size, QUERIES, src, 43);
        long totalHits = 0;
        for (int i = 0; i < QUERIES; i++) {
            final long want = src[i];
            boolean[] found = new boolean[1];
            totalHits += index.query(queries[i], 31, (id, d) -> found[0] |= id == want);
            if (!found[0]) {
                throw new IllegalStateException("recall failure: query " + i + " missed id " + want);
            }
        }
        System.out.printf("%n[pdq-index] size=%d data=%s bytesPerHash=%.1f build=%.2fs (%.2fs per million) "
                        + "recall=100%% over %d queries, mean hits/query=%.1f%n",
                size, data, (double) index.bytesUsed() / size, buildNanos / 1e9, buildNanos / 1e9 / (size / 1e6),
                QUERIES, (double) totalHits / QUERIES);
    }

    @Benchmark
    public int query(Blackhole bh) {
        PdqHash q = queries[next++ & (QUERIES - 1)];
        return index.query(q, 31, (id, d) -> bh.consume(id));
    }

    /** Baseline: scan every stored hash. */
    @Benchmark
    public int linearScan() {
        PdqHash q = queries[next++ & (QUERIES - 1)];
        long q0 = q.w0();
        long q1 = q.w1();
        long q2 = q.w2();
        long q3 = q.w3();
        long[] w = words;
        int hits = 0;
        for (int o = 0; o < w.length; o += 4) {
            if (PdqHash.distance(w, o, q0, q1, q2, q3) <= 31) {
                hits++;
            }
        }
        return hits;
    }
}
