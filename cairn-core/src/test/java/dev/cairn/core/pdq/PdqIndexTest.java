package dev.cairn.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PdqIndexTest {

    @Test
    void needlesFindExactlyTheReferenceMatchesAtDistance31() {
        List<String> hay = PdqTestData.lines("haystack.txt");
        PdqIndex index = new PdqIndex();
        for (int i = 0; i < hay.size(); i++) {
            index.add(i + 1, PdqHash.fromHex(hay.get(i)));
        }
        Map<String, TreeSet<String>> expected = new HashMap<>();
        String needle = null;
        for (String line : PdqTestData.lines("expected-needle-matches-d31.txt")) {
            if (line.startsWith("needle=")) {
                needle = line.substring(7);
                expected.put(needle, new TreeSet<>());
            } else {
                String[] f = line.split(",");
                expected.get(needle).add(f[2].substring(4) + ":" + f[0].substring(2));
            }
        }
        List<String> needles = PdqTestData.lines("needles.txt");
        assertThat(needles).hasSize(100);
        int total = 0;
        for (String n : needles) {
            TreeSet<String> got = new TreeSet<>();
            for (PdqIndex.Match m : index.query(PdqHash.fromHex(n), 31)) {
                got.add(m.id() + ":" + m.distance());
            }
            assertThat(got).as(n).isEqualTo(expected.getOrDefault(n, new TreeSet<>()));
            total += got.size();
        }
        assertThat(total).isPositive();
    }

    @Test
    void randomDataMatchesBruteForceAtEveryRadiusRegime() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 20_000;
        PdqHash[] stored = new PdqHash[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            stored[i] = random(rnd);
            ids[i] = i * 3L - 1000;
        }
        PdqIndex index = new PdqIndex();
        index.addAll(ids, stored);
        for (int distance : new int[] {0, 1, 15, 16, 31, 32, 47, 48, 63, 64, 100}) {
            for (int k = 0; k < 40; k++) {
                PdqHash q = flip(stored[rnd.nextInt(n)], rnd.nextInt(distance + 1), rnd);
                assertThat(index.query(q, distance)).as("d=" + distance).isEqualTo(brute(ids, stored, q, distance));
            }
        }
    }

    @Test
    void adversarialNeighboursAtTheThresholdEdge() {
        SplittableRandom rnd = new SplittableRandom(11);
        PdqHash centre = random(rnd);
        List<PdqHash> hashes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            hashes.add(flip(centre, 31 + (i % 2), rnd)); // exactly 31 or 32 away
        }
        // Bits spread evenly so every 16-bit segment differs by ~2: found only via radius-1 tables.
        for (int i = 0; i < 200; i++) {
            hashes.add(spreadFlips(centre, 31, rnd));
            hashes.add(spreadFlips(centre, 32, rnd));
        }
        for (int i = 0; i < 50; i++) {
            hashes.add(centre); // duplicates under different ids
        }
        hashes.add(PdqHash.ZERO);
        hashes.add(new PdqHash(-1L, -1L, -1L, -1L));
        for (int i = 0; i < 5000; i++) {
            hashes.add(random(rnd));
        }
        long[] ids = new long[hashes.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1_000_000L + i;
        }
        PdqHash[] arr = hashes.toArray(PdqHash[]::new);
        PdqIndex index = new PdqIndex();
        index.addAll(ids, arr);

        List<PdqIndex.Match> at31 = index.query(centre, 31);
        assertThat(at31).isEqualTo(brute(ids, arr, centre, 31));
        assertThat(at31).hasSize(50 + 1500 + 200);
        assertThat(index.query(centre, 32)).isEqualTo(brute(ids, arr, centre, 32));
        assertThat(index.query(PdqHash.ZERO, 0)).extracting(PdqIndex.Match::distance).containsExactly(0);
        assertThat(index.query(new PdqHash(-1L, -1L, -1L, -1L), 31)).isEqualTo(
                brute(ids, arr, new PdqHash(-1L, -1L, -1L, -1L), 31));
        assertThat(index.query(PdqHash.ZERO, 256)).hasSize(arr.length);
    }

    @Test
    void removeAndReAddAcrossIndexedAndUnindexedEntries() {
        SplittableRandom rnd = new SplittableRandom(3);
        PdqIndex index = new PdqIndex();
        Map<Long, PdqHash> model = new HashMap<>();
        int n = 6000;
        long[] ids = new long[n];
        PdqHash[] hs = new PdqHash[n];
        PdqHash centre = random(rnd);
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            hs[i] = i % 3 == 0 ? flip(centre, rnd.nextInt(40), rnd) : random(rnd);
            model.put(ids[i], hs[i]);
        }
        index.addAll(ids, hs);
        for (int step = 0; step < 20_000; step++) {
            long id = rnd.nextInt(n + 500);
            int op = rnd.nextInt(3);
            if (op == 0) {
                assertThat(index.remove(id)).isEqualTo(model.remove(id) != null);
            } else {
                PdqHash h = op == 1 ? flip(centre, rnd.nextInt(40), rnd) : random(rnd);
                index.add(id, h);
                model.put(id, h);
            }
            if (step % 500 == 0) {
                assertThat(index.size()).isEqualTo(model.size());
                PdqHash q = flip(centre, rnd.nextInt(10), rnd);
                assertThat(index.query(q, 31)).isEqualTo(brute(model, q, 31));
            }
        }
        assertThat(index.contains(-5)).isFalse();
        assertThat(index.remove(-5)).isFalse();
        PdqHash q = flip(centre, 3, rnd);
        for (int d : new int[] {0, 20, 31, 45, 64}) {
            assertThat(index.query(q, d)).isEqualTo(brute(model, q, d));
        }
    }

    @Test
    void reAddingAnIdReplacesItsHash() {
        PdqIndex index = new PdqIndex();
        PdqHash a = random(new SplittableRandom(1));
        PdqHash b = random(new SplittableRandom(2));
        index.add(42, a);
        index.add(42, b);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.query(a, 0)).isEmpty();
        assertThat(index.query(b, 0)).containsExactly(new PdqIndex.Match(42, 0));
        assertThat(index.remove(42)).isTrue();
        index.add(42, a);
        assertThat(index.query(a, 0)).containsExactly(new PdqIndex.Match(42, 0));
        assertThat(index.bytesUsed()).isPositive();
    }

    @Test
    void clusteredDataMatchesBruteForce() {
        SplittableRandom rnd = new SplittableRandom(5);
        PdqHash[] centres = new PdqHash[50];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = random(rnd);
        }
        int n = 30_000;
        PdqHash[] hs = new PdqHash[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            hs[i] = flip(centres[rnd.nextInt(centres.length)], rnd.nextInt(48), rnd);
            ids[i] = i;
        }
        PdqIndex index = new PdqIndex();
        index.addAll(ids, hs);
        for (int k = 0; k < 30; k++) {
            PdqHash q = flip(centres[rnd.nextInt(centres.length)], rnd.nextInt(20), rnd);
            assertThat(index.query(q, 31)).isEqualTo(brute(ids, hs, q, 31));
        }
    }

    @Test
    void consumerSeesEachHitOnceAndMayWriteToTheIndex() {
        PdqIndex index = new PdqIndex();
        PdqHash h = random(new SplittableRandom(9));
        for (int i = 0; i < 10; i++) {
            index.add(i, h);
        }
        List<Long> seen = new ArrayList<>();
        int count = index.query(h, 31, (id, d) -> {
            seen.add(id);
            index.remove(id); // runs outside the lock, so no deadlock
        });
        assertThat(count).isEqualTo(10);
        assertThat(seen).doesNotHaveDuplicates().hasSize(10);
        assertThat(index.size()).isZero();
    }

    @Test
    void rejectsDistancesOutsideRange() {
        PdqIndex index = new PdqIndex();
        assertThatThrownBy(() -> index.query(PdqHash.ZERO, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.query(PdqHash.ZERO, 257)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- helpers

    static PdqHash random(SplittableRandom rnd) {
        return new PdqHash(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    /** Flips exactly {@code bits} distinct random bits. */
    static PdqHash flip(PdqHash h, int bits, SplittableRandom rnd) {
        boolean[] used = new boolean[256];
        for (int i = 0; i < bits; ) {
            int b = rnd.nextInt(256);
            if (!used[b]) {
                used[b] = true;
                h = h.withBitFlipped(b);
                i++;
            }
        }
        return h;
    }

    /** Flips {@code bits} bits, at least one in every 16-bit segment (two in as many as possible). */
    static PdqHash spreadFlips(PdqHash h, int bits, SplittableRandom rnd) {
        for (int i = 0; i < bits; i++) {
            int segment = i % 16;
            int offset = (i / 16 == 0) ? rnd.nextInt(8) : 8 + rnd.nextInt(8);
            h = h.withBitFlipped(segment * 16 + offset);
        }
        return h;
    }

    static List<PdqIndex.Match> brute(long[] ids, PdqHash[] hs, PdqHash q, int d) {
        Map<Long, PdqHash> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], hs[i]);
        }
        return brute(m, q, d);
    }

    static List<PdqIndex.Match> brute(Map<Long, PdqHash> m, PdqHash q, int d) {
        List<PdqIndex.Match> out = new ArrayList<>();
        m.forEach((id, h) -> {
            int dist = h.distance(q);
            if (dist <= d) {
                out.add(new PdqIndex.Match(id, dist));
            }
        });
        out.sort(java.util.Comparator.comparingInt(PdqIndex.Match::distance).thenComparingLong(PdqIndex.Match::id));
        return out;
    }
}
