package dev.cairn.core.pdq;

import java.util.Arrays;

/**
 * Open-addressing map from long to non-negative int with linear probing and backward-shift
 * deletion: no boxing, no per-entry objects. Not thread-safe (the index guards it).
 */
final class LongIntMap {

    private static final long FREE = Long.MIN_VALUE;
    private static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;
    /** The one key we cannot store in the table, kept aside. */
    private int freeKeyValue = MISSING;

    LongIntMap(int expected) {
        allocate(capacityFor(expected));
    }

    /** Smallest power of two keeping the load at or under 3/4. */
    private static int capacityFor(int expected) {
        long want = Math.max(16L, (long) expected * 4 / 3 + 1);
        return (int) Long.highestOneBit(want - 1) << 1;
    }

    private void allocate(int cap) {
        keys = new long[cap];
        Arrays.fill(keys, FREE);
        values = new int[cap];
        mask = cap - 1;
    }

    int size() {
        return size + (freeKeyValue != MISSING ? 1 : 0);
    }

    long bytesUsed() {
        return 12L * keys.length;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The value, or -1 when absent. */
    int get(long key) {
        if (key == FREE) {
            return freeKeyValue;
        }
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                return MISSING;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long key, int value) {
        if (key == FREE) {
            freeKeyValue = value;
            return;
        }
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == FREE) {
                keys[i] = key;
                values[i] = value;
                if (++size > keys.length - (keys.length >>> 2)) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes the key; returns its value or -1 when absent. */
    int remove(long key) {
        if (key == FREE) {
            int v = freeKeyValue;
            freeKeyValue = MISSING;
            return v;
        }
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == FREE) {
                return MISSING;
            }
            if (k == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        int removed = values[i];
        // Shift later members of the probe run back so lookups never stop early at the hole.
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long k = keys[j];
            if (k == FREE) {
                break;
            }
            int home = slot(k, mask);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = k;
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = FREE;
        size--;
        return removed;
    }

    void clear(int expected) {
        int cap = capacityFor(expected);
        if (cap == keys.length) {
            Arrays.fill(keys, FREE);
        } else {
            allocate(cap);
        }
        size = 0;
        freeKeyValue = MISSING;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
