package dev.cairn.bench.match;

import dev.cairn.bench.data.Synthetic;
import dev.cairn.core.match.KeyIndex;
import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.normalize.Probe;
import dev.cairn.core.normalize.SignalNormalizer;
import dev.cairn.core.signal.SignalType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Exact-key index lookups with {@code signals} stored signals of mixed types (see {@link Synthetic}), one lookup per
 * invocation, cycling through 65,536 pre-generated query items per thread with {@code hitRate} hits.
 *
 * <ul>
 *   <li>{@code lookupKey}: the key is already normalised; {@code contains} (the miss path) then {@code forEach} on a
 *       hit, as the server's match loop does.</li>
 *   <li>{@code normaliseProbeLookup}: the query value as sent; {@link SignalNormalizer#probes} then every probe key
 *       looked up.</li>
 * </ul>
 * Run with {@code -t 1} and {@code -t 2}: the index is shared by all threads ({@code Scope.Benchmark}), as in the
 * server.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchBenchmark {

    /** Payload shaped like the server's IndexedSignal: identity by id, a few fields. */
    public static final class Entry {
        final UUID id;
        final UUID owner;
        final int confidence;
        final long validUntil;

        Entry(UUID id, UUID owner, int confidence, long validUntil) {
            this.id = id;
            this.owner = owner;
            this.confidence = confidence;
            this.validUntil = validUntil;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    @State(Scope.Benchmark)
    public static class Index {
        @Param("1000000")
        public int signals;

        KeyIndex<Entry> index;

        @Setup(Level.Trial)
        public void build() {
            long t0 = System.nanoTime();
            index = new KeyIndex<>(Entry.class);
            UUID[] owners = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
            long until = System.currentTimeMillis() + 365L * 86_400_000L;
            for (int i = 0; i < signals; i++) {
                SignalType t = Synthetic.storedType(i);
                String key = Synthetic.key(t, Synthetic.value(t, i));
                index.add(t, false, key, new Entry(new UUID(0xCA1L, i), owners[i % 3], 50 + i % 50, until));
            }
            System.out.printf("%n[index] %d signals, %d keys, built in %d ms%n", signals, index.keyCount(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @State(Scope.Thread)
    public static class Queries {
        /** HASH: SHA256, MD5 and SHA1 items; EMAIL: e-mail items. */
        @Param({"HASH", "EMAIL"})
        public String kind;

        @Param("0.01")
        public double hitRate;

        Synthetic.Query[] items;
        int next;
        long hits;
        long lookups;

        @Setup(Level.Trial)
        public void generate(Index index, ThreadParams thread) {
            SignalType[] types = kind.equals("HASH")
                    ? new SignalType[]{SignalType.SHA256, SignalType.MD5, SignalType.SHA1}
                    : new SignalType[]{SignalType.EMAIL};
            items = Synthetic.queries(types, index.signals, hitRate, 1 << 16, thread.getThreadIndex());
        }

        Synthetic.Query nextItem() {
            Synthetic.Query q = items[next];
            next = (next + 1) & (items.length - 1);
            return q;
        }

        @TearDown(Level.Trial)
        public void report() {
            if (lookups > 0) {
                System.out.printf("%n[queries] observed hit rate %.4f%n", (double) hits / lookups);
            }
        }
    }

    @Benchmark
    public int lookupKey(Index index, Queries q, Blackhole bh) {
        Synthetic.Query item = q.nextItem();
        int found = 0;
        if (index.index.contains(item.type(), false, item.key())) {
            found = index.index.forEach(item.type(), false, item.key(), bh::consume);
        }
        q.lookups++;
        if (found > 0) {
            q.hits++;
        }
        return found;
    }

    @Benchmark
    public int normaliseProbeLookup(Index index, Queries q, Blackhole bh) {
        Synthetic.Query item = q.nextItem();
        List<Probe> probes = SignalNormalizer.probes(item.type(), item.value(), NormalizeOptions.DEFAULT);
        int found = 0;
        for (int p = 0; p < probes.size(); p++) {
            Probe probe = probes.get(p);
            if (index.index.contains(probe.type(), false, probe.key())) {
                found += index.index.forEach(probe.type(), false, probe.key(), bh::consume);
            }
        }
        q.lookups++;
        if (found > 0) {
            q.hits++;
        }
        return found;
    }
}
