package dev.cairn.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Readers must always see every permanent entry while a writer churns other entries and compacts. */
class PdqIndexConcurrencyTest {

    @Test
    void queriesStayExactForStableEntriesDuringWrites() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        PdqIndex index = new PdqIndex();
        int stable = 2000;
        PdqHash[] hs = new PdqHash[stable];
        long[] ids = new long[stable];
        for (int i = 0; i < stable; i++) {
            hs[i] = PdqIndexTest.random(rnd);
            ids[i] = i;
        }
        index.addAll(ids, hs);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            SplittableRandom w = new SplittableRandom(2);
            long next = 1_000_000;
            while (!stop.get()) {
                index.add(next++, PdqIndexTest.random(w));
                if (next % 3 == 0) {
                    index.remove(next - 2);
                }
            }
        });
        Thread[] readers = new Thread[2];
        for (int r = 0; r < readers.length; r++) {
            int seed = r;
            readers[r] = new Thread(() -> {
                SplittableRandom q = new SplittableRandom(100 + seed);
                try {
                    for (int k = 0; k < 3000; k++) {
                        int i = q.nextInt(stable);
                        PdqHash probe = PdqIndexTest.flip(hs[i], q.nextInt(32), q);
                        int[] found = new int[1];
                        index.query(probe, 31, (id, d) -> {
                            if (id == i) {
                                found[0]++;
                            }
                        });
                        assertThat(found[0]).as("stable id %d found exactly once", i).isEqualTo(1);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }
        writer.start();
        for (Thread t : readers) {
            t.start();
        }
        for (Thread t : readers) {
            t.join();
        }
        stop.set(true);
        writer.join();
        assertThat(failure.get()).isNull();
    }
}
