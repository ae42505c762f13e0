package dev.cairn.bench.pdq;

import dev.cairn.core.pdq.PdqIndex;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Bulk build time of {@link PdqIndex} (one {@code addAll} into an empty index). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"})
public class PdqIndexBuildBench {

    @Param({"1000000"})
    public int size;

    @Param({"random", "clustered"})
    public String data;

    private long[] words;
    private long[] ids;

    @Setup
    public void setup() {
        words = BenchData.hashes(data, size, 42);
        ids = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = i;
        }
    }

    @Benchmark
    public PdqIndex build() {
        PdqIndex index = new PdqIndex();
        index.addAll(ids, words, size);
        return index;
    }
}
