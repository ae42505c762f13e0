package dev.cairn.core.pdq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.StampedLock;

/**
 * Exact Hamming-radius search over PDQ hashes: every stored hash within the requested distance is
 * returned, none missed.
 *
 * <h2>How</h2>
 * Multi-index hashing: the 256 bits are cut into 16 segments of 16 bits and each segment indexes a
 * table of 65,536 buckets. If two hashes differ in at most {@code d} bits, some segment differs in at
 * most {@code r = d / 16} bits (pigeonhole), so probing every key within radius {@code r} of the
 * query's segment in every table finds every match; for the default 31 that is 17 buckets per table.
 * A match is reported only from the first table in which it qualifies, so it is reported once
 * without a "seen" set. From distance 64 the probing would touch most of the data anyway and a
 * linear scan is used instead; results stay exact.
 *
 * <h2>Inline filters</h2>
 * Each table entry carries, next to its entry number, two 64-bit words of its hash: the two words
 * after the one that holds the table's segment, so they never overlap it. A bucket is scanned
 * sequentially through those words, and an entry whose 128 filter bits alone differ from the query's
 * by more than the distance budget left after the probed segment's own difference is rejected there,
 * without the random read of its full hash. Exact: the filter distance is a lower bound on the full
 * distance. A random stored hash passes the filter at distance 31 with probability about 1e-9, so the
 * full hash is read (one cache miss) essentially only for true matches.
 *
 * <h2>Memory-level parallelism</h2>
 * A query runs in two phases. Phase 1 looks up the bounds of every probed bucket (272 at distance 31)
 * and touches its first cache line, or the whole bucket when it is short (up to about a million
 * stored hashes); these loads are independent, so their misses overlap instead of costing one
 * latency each. Phase 2 scans the buckets, now mostly in cache.
 *
 * <p>Storage is primitive arrays only: the hashes (4 longs each), the ids, and per table a
 * bucket-offset array, entry numbers sorted by bucket (CSR layout) and the filter words in the same
 * order. That is about 390 bytes per stored hash (16 tables x 20 bytes, plus the hashes, ids and
 * id map) and a fixed 4 MiB of bucket offsets. The tables are rebuilt in bulk; single adds go to a
 * small unindexed tail that queries scan linearly, and removals of indexed entries set a tombstone
 * bit. When the tail or the tombstones grow past a fraction of the index it is compacted (O(n),
 * about 0.5 s per million hashes).
 *
 * <h2>Ids</h2>
 * Ids are arbitrary longs and unique: adding an id that is present replaces its hash. Different ids
 * may carry the same hash.
 *
 * <h2>Thread safety</h2>
 * Safe for any mix of threads. Queries take no lock in the common case: they read optimistically
 * under a {@link StampedLock} stamp, validate it at the end and, only if a writer intervened, run
 * again holding the read lock, so concurrent queries never contend. Writers ({@code add},
 * {@code addAll}, {@code remove}) are exclusive and a compaction inside one blocks queries for its
 * duration. Hits are handed to the {@link HitConsumer} after the search has finished and no lock is
 * held, so a consumer may do anything, including modifying this index. A query sees the index as of
 * one instant: either before or after any given write.
 */
public final class PdqIndex {

    public static final int DEFAULT_MAX_DISTANCE = 31;
    /** Largest meaningful distance; every hash is within 256 of every other. */
    public static final int MAX_DISTANCE = PdqHash.BITS;

    private static final int TABLES = 16;
    private static final int SEGMENT_BITS = 16;
    private static final int BUCKETS = 1 << SEGMENT_BITS;
    /** From this segment radius (distance 64) multi-index probing costs more than a scan. */
    private static final int LINEAR_FROM_RADIUS = 4;
    private static final int MIN_TAIL_LIMIT = 1024;
    private static final int MAX_TAIL_LIMIT = 16384;
    /** Buckets of at most this many entries (5 cache lines of filter words) are touched whole in phase 1. */
    private static final int TOUCH_WHOLE_BUCKET = 20;
    /** Per segment radius 0..3: every 16-bit mask of at most that many bits, fewest bits first. */
    private static final int[][] PROBE_MASKS = new int[LINEAR_FROM_RADIUS][];

    static {
        for (int r = 0; r < LINEAR_FROM_RADIUS; r++) {
            int[] m = new int[BUCKETS];
            int c = 0;
            for (int bits = 0; bits <= r; bits++) {
                for (int x = 0; x < BUCKETS; x++) {
                    if (Integer.bitCount(x) == bits) {
                        m[c++] = x;
                    }
                }
            }
            PROBE_MASKS[r] = Arrays.copyOf(m, c);
        }
    }

    /** Receives one hit. Called after the search completes, outside any lock. */
    @FunctionalInterface
    public interface HitConsumer {
        void accept(long id, int distance);
    }

    public record Match(long id, int distance) {}

    private final StampedLock lock = new StampedLock();

    // Indexed part: hashes, ids and tombstones of entries 0..baseSize-1, and the 16 tables.
    private int baseSize;
    private long[] baseWords = new long[0];
    private long[] baseIds = new long[0];
    private long[] baseDead = new long[0];
    private int baseDeadCount;
    private final int[][] bucketStart = new int[TABLES][];
    private final int[][] bucketEntries = new int[TABLES][];
    /**
     * Per table, two filter words per entry, in the same (bucket) order as {@link #bucketEntries}: the
     * hash words {@link #filterWordA}/{@link #filterWordB} of the table, neither holding its segment.
     */
    private final long[][] bucketFilters = new long[TABLES][];

    // Unindexed tail of recent adds, scanned linearly.
    private int tailSize;
    private long[] tailWords = new long[4 * 64];
    private long[] tailIds = new long[64];

    /** id -> entry: {@code i >= 0} is base entry i, {@code i <= -2} is tail entry {@code -i-2} (-1 means absent). */
    private final LongIntMap where = new LongIntMap(1024);

    public PdqIndex() {
        for (int t = 0; t < TABLES; t++) {
            bucketStart[t] = new int[BUCKETS + 1];
            bucketEntries[t] = new int[0];
            bucketFilters[t] = new long[2];
        }
    }

    // ---------------------------------------------------------------- writes

    /** Adds the hash under {@code id}, replacing the hash the id had before, if any. */
    public void add(long id, PdqHash hash) {
        long stamp = lock.writeLock();
        try {
            removeLocked(id);
            appendTail(id, hash.w0(), hash.w1(), hash.w2(), hash.w3());
            if (tailSize > tailLimit()) {
                compact();
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Bulk load: {@code ids[i]} gets the hash packed at {@code words[4i .. 4i+3]}, for {@code i < count}.
     * One compaction at the end, so this is the fast way to build a large index.
     */
    public void addAll(long[] ids, long[] words, int count) {
        if (count < 0 || count > ids.length || (long) count * 4 > words.length) {
            throw new IllegalArgumentException("count exceeds the arrays");
        }
        long stamp = lock.writeLock();
        try {
            ensureTailCapacity(tailSize + count);
            for (int i = 0; i < count; i++) {
                removeLocked(ids[i]);
                appendTail(ids[i], words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]);
            }
            compact();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public void addAll(long[] ids, PdqHash[] hashes) {
        if (ids.length != hashes.length) {
            throw new IllegalArgumentException("ids and hashes differ in length");
        }
        long[] words = new long[4 * hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i].toWords(words, 4 * i);
        }
        addAll(ids, words, ids.length);
    }

    /** Removes the id; returns whether it was present. */
    public boolean remove(long id) {
        long stamp = lock.writeLock();
        try {
            boolean removed = removeLocked(id);
            if (baseDeadCount > MIN_TAIL_LIMIT && baseDeadCount > baseSize / 8) {
                compact();
            }
            return removed;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    // ---------------------------------------------------------------- reads

    public int size() {
        long stamp = lock.readLock();
        try {
            return baseSize - baseDeadCount + tailSize;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public boolean contains(long id) {
        long stamp = lock.readLock();
        try {
            return where.get(id) != -1;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Approximate heap bytes held by the index (arrays only, excluding object headers). */
    public long bytesUsed() {
        long stamp = lock.readLock();
        try {
            long b = 8L * (baseWords.length + baseIds.length + baseDead.length + tailWords.length + tailIds.length);
            for (int t = 0; t < TABLES; t++) {
                b += 4L * (bucketStart[t].length + bucketEntries[t].length) + 8L * bucketFilters[t].length;
            }
            return b + where.bytesUsed();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Every stored hash within {@link #DEFAULT_MAX_DISTANCE}, nearest first (ties by id). */
    public List<Match> query(PdqHash q) {
        return query(q, DEFAULT_MAX_DISTANCE);
    }

    /** Every stored hash within {@code maxDistance}, nearest first (ties by id). */
    public List<Match> query(PdqHash q, int maxDistance) {
        List<Match> out = new ArrayList<>();
        query(q, maxDistance, (id, d) -> out.add(new Match(id, d)));
        out.sort(Comparator.comparingInt(Match::distance).thenComparingLong(Match::id));
        return out;
    }

    /**
     * Streams every stored hash within {@code maxDistance} (0..256) of {@code q} to {@code consumer},
     * in no particular order, each exactly once. Returns the number of hits. Allocates nothing per
     * candidate; a small hit buffer only when there are hits.
     */
    public int query(PdqHash q, int maxDistance, HitConsumer consumer) {
        if (maxDistance < 0 || maxDistance > MAX_DISTANCE) {
            throw new IllegalArgumentException("maxDistance must be 0..256");
        }
        Hits hits = new Hits();
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0L) {
            try {
                search(q, maxDistance, hits);
            } catch (RuntimeException e) {
                // A writer changed arrays under us; only a real bug survives validation.
                if (lock.validate(stamp)) {
                    throw e;
                }
            }
        }
        if (stamp == 0L || !lock.validate(stamp)) {
            hits.count = 0;
            stamp = lock.readLock();
            try {
                search(q, maxDistance, hits);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        for (int i = 0; i < hits.count; i++) {
            consumer.accept(hits.ids[i], hits.distances[i]);
        }
        return hits.count;
    }

    /** Growable primitive hit list, allocated on the first hit. */
    private static final class Hits {
        long[] ids;
        int[] distances;
        int count;
        /** Sink for the prefetching loads of the search, so the JIT keeps them. */
        long touched;

        void add(long id, int d) {
            if (ids == null) {
                ids = new long[16];
                distances = new int[16];
            } else if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                distances = Arrays.copyOf(distances, count * 2);
            }
            ids[count] = id;
            distances[count] = d;
            count++;
        }
    }

    private void search(PdqHash q, int maxDistance, Hits hits) {
        long q0 = q.w0();
        long q1 = q.w1();
        long q2 = q.w2();
        long q3 = q.w3();
        int n = baseSize;
        long[] words = baseWords;
        long[] ids = baseIds;
        long[] dead = baseDead;
        int radius = maxDistance / SEGMENT_BITS;
        if (radius >= LINEAR_FROM_RADIUS) {
            for (int e = 0; e < n; e++) {
                int d = PdqHash.distance(words, 4 * e, q0, q1, q2, q3);
                if (d <= maxDistance && !isDead(dead, e)) {
                    hits.add(ids[e], d);
                }
            }
        } else if (n > 0) {
            int[] masks = PROBE_MASKS[radius];
            int per = masks.length;
            // Phase 1: locate every probed bucket of every table and touch its first filter line. These
            // loads are independent of each other, so the CPU overlaps their cache misses; phase 2 then
            // scans buckets that are (mostly) already on their way into the cache.
            int[] from = new int[TABLES * per];
            int[] to = new int[TABLES * per];
            long touched = 0;
            for (int t = 0; t < TABLES; t++) {
                int key = segment(q0, q1, q2, q3, t);
                int[] start = bucketStart[t];
                long[] filters = bucketFilters[t];
                int base = t * per;
                for (int i = 0; i < per; i++) {
                    int k = key ^ masks[i];
                    int s = start[k];
                    int e = start[k + 1];
                    from[base + i] = s;
                    to[base + i] = e;
                    touched += filters[2 * s];
                    if (e - s <= TOUCH_WHOLE_BUCKET) {
                        // A short bucket (about 1M entries or fewer) is touched line by line; in a
                        // long one the hardware prefetcher follows the scan well enough.
                        for (int f = 2 * s + 8; f < 2 * e; f += 8) {
                            touched += filters[f];
                        }
                    }
                }
            }
            hits.touched = touched;
            // Phase 2: scan.
            for (int t = 0; t < TABLES; t++) {
                int[] entries = bucketEntries[t];
                long[] filters = bucketFilters[t];
                long qa = word(q0, q1, q2, q3, filterWordA(t));
                long qb = word(q0, q1, q2, q3, filterWordB(t));
                int base = t * per;
                for (int i = 0; i < per; i++) {
                    int limit = maxDistance - Integer.bitCount(masks[i]);
                    int end = to[base + i];
                    for (int p = from[base + i]; p < end; p++) {
                        int f = 2 * p;
                        if (Long.bitCount(filters[f] ^ qa) + Long.bitCount(filters[f + 1] ^ qb) <= limit) {
                            verify(entries[p], t, radius, words, ids, dead, q0, q1, q2, q3, maxDistance, hits);
                        }
                    }
                }
            }
        }
        long[] tw = tailWords;
        long[] tid = tailIds;
        int m = Math.min(tailSize, tid.length);
        for (int e = 0; e < m; e++) {
            int d = PdqHash.distance(tw, 4 * e, q0, q1, q2, q3);
            if (d <= maxDistance) {
                hits.add(tid[e], d);
            }
        }
    }

    /**
     * Verifies an entry whose filter words passed: exact distance from the full hash, tombstone, and
     * whether {@code table} is the first table that finds it (so each hit is reported once).
     */
    private static void verify(int e, int table, int radius, long[] words, long[] ids, long[] dead,
            long q0, long q1, long q2, long q3, int maxDistance, Hits hits) {
        int o = 4 * e;
        int d = Long.bitCount(words[o] ^ q0) + Long.bitCount(words[o + 1] ^ q1)
                + Long.bitCount(words[o + 2] ^ q2) + Long.bitCount(words[o + 3] ^ q3);
        if (d <= maxDistance && !isDead(dead, e) && firstQualifyingTable(words, o, q0, q1, q2, q3, radius) == table) {
            hits.add(ids[e], d);
        }
    }

    /** The lowest table whose segment is within {@code radius} of the query's: the one that reports the hit. */
    private static int firstQualifyingTable(long[] words, int o, long q0, long q1, long q2, long q3, int radius) {
        for (int t = 0; t < TABLES; t++) {
            long x = switch (t >>> 2) {
                case 0 -> words[o] ^ q0;
                case 1 -> words[o + 1] ^ q1;
                case 2 -> words[o + 2] ^ q2;
                default -> words[o + 3] ^ q3;
            };
            if (Long.bitCount((x >>> ((t & 3) * SEGMENT_BITS)) & 0xFFFFL) <= radius) {
                return t;
            }
        }
        return -1;
    }

    /** Filter words of table {@code t}: the two hash words after the one holding its segment (mod 4). */
    private static int filterWordA(int t) {
        return ((t >>> 2) + 1) & 3;
    }

    private static int filterWordB(int t) {
        return ((t >>> 2) + 2) & 3;
    }

    private static long word(long w0, long w1, long w2, long w3, int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
    }

    private static int segment(long w0, long w1, long w2, long w3, int t) {
        long w = switch (t >>> 2) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
        return (int) (w >>> ((t & 3) * SEGMENT_BITS)) & 0xFFFF;
    }

    private static boolean isDead(long[] dead, int e) {
        return (dead[e >>> 6] & (1L << e)) != 0;
    }

    // ---------------------------------------------------------------- internals (write lock held)

    private int tailLimit() {
        return Math.clamp(baseSize / 256, MIN_TAIL_LIMIT, MAX_TAIL_LIMIT);
    }

    private void ensureTailCapacity(int needed) {
        if (needed > tailIds.length) {
            int cap = Math.max(needed, tailIds.length * 2);
            tailIds = Arrays.copyOf(tailIds, cap);
            tailWords = Arrays.copyOf(tailWords, 4 * cap);
        }
    }

    private void appendTail(long id, long w0, long w1, long w2, long w3) {
        ensureTailCapacity(tailSize + 1);
        int o = 4 * tailSize;
        tailWords[o] = w0;
        tailWords[o + 1] = w1;
        tailWords[o + 2] = w2;
        tailWords[o + 3] = w3;
        tailIds[tailSize] = id;
        where.put(id, tailRef(tailSize));
        tailSize++;
    }

    /** Tail position to map value and back (the mapping is its own inverse); skips -1, the map's "absent". */
    private static int tailRef(int x) {
        return -x - 2;
    }

    private boolean removeLocked(long id) {
        int loc = where.remove(id);
        if (loc == -1) {
            return false;
        }
        if (loc >= 0) {
            baseDead[loc >>> 6] |= 1L << loc;
            baseDeadCount++;
        } else {
            // Move the last tail entry into the hole.
            int i = tailRef(loc);
            int last = tailSize - 1;
            if (i != last) {
                System.arraycopy(tailWords, 4 * last, tailWords, 4 * i, 4);
                tailIds[i] = tailIds[last];
                where.put(tailIds[i], tailRef(i));
            }
            tailSize--;
        }
        return true;
    }

    /** Rebuilds the tables over all live entries (base survivors then tail) and empties the tail. */
    private void compact() {
        int n = baseSize - baseDeadCount + tailSize;
        long[] words = new long[4 * n];
        long[] ids = new long[n];
        int k = 0;
        for (int e = 0; e < baseSize; e++) {
            if (!isDead(baseDead, e)) {
                System.arraycopy(baseWords, 4 * e, words, 4 * k, 4);
                ids[k++] = baseIds[e];
            }
        }
        System.arraycopy(tailWords, 0, words, 4 * k, 4 * tailSize);
        System.arraycopy(tailIds, 0, ids, k, tailSize);

        int[] cursor = new int[BUCKETS];
        for (int t = 0; t < TABLES; t++) {
            int[] start = new int[BUCKETS + 1];
            int wordIndex = t >>> 2;
            int shift = (t & 3) * SEGMENT_BITS;
            for (int e = 0; e < n; e++) {
                start[(int) (words[4 * e + wordIndex] >>> shift) & 0xFFFF]++;
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = start[b];
                start[b] = sum;
                cursor[b] = sum;
                sum += c;
            }
            start[BUCKETS] = sum;
            int[] entries = new int[n];
            long[] filters = new long[2 * n + 2]; // +2: phase 1 may touch the slot after the last bucket
            int fa = filterWordA(t);
            int fb = filterWordB(t);
            for (int e = 0; e < n; e++) {
                int o = 4 * e;
                int p = cursor[(int) (words[o + wordIndex] >>> shift) & 0xFFFF]++;
                entries[p] = e;
                filters[2 * p] = words[o + fa];
                filters[2 * p + 1] = words[o + fb];
            }
            bucketStart[t] = start;
            bucketEntries[t] = entries;
            bucketFilters[t] = filters;
        }

        where.clear(n);
        for (int e = 0; e < n; e++) {
            where.put(ids[e], e);
        }
        baseWords = words;
        baseIds = ids;
        baseDead = new long[(n + 63) >>> 6];
        baseDeadCount = 0;
        baseSize = n;
        tailSize = 0;
        if (tailIds.length > 4 * MAX_TAIL_LIMIT) {
            tailIds = new long[64];
            tailWords = new long[4 * 64];
        }
    }
}
