package dev.cairn.core.match;

import dev.cairn.core.signal.SignalType;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Exact match-key index: (type, blinded, key) to the entries stored under it.
 *
 * <p>Reads are lock-free and allocate nothing: one {@link ConcurrentHashMap} per type and blinding, whose value is
 * either a single entry or an {@code Object[]} of entries (most keys have exactly one signal, so no list wrapper is
 * paid for per key). Writers replace the value atomically with a new array (copy-on-write per key).
 *
 * @param <E> the per-signal payload; entries are told apart by {@link Object#equals}
 */
public final class KeyIndex<E> {
    private final ConcurrentHashMap<String, Object>[] maps;
    private final Class<E> entryClass;

    @SuppressWarnings("unchecked")
    public KeyIndex(Class<E> entryClass) {
        this.entryClass = entryClass;
        SignalType[] types = SignalType.values();
        maps = new ConcurrentHashMap[types.length * 2];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = new ConcurrentHashMap<>();
        }
    }

    private ConcurrentHashMap<String, Object> map(SignalType type, boolean blinded) {
        return maps[type.ordinal() * 2 + (blinded ? 1 : 0)];
    }

    public void add(SignalType type, boolean blinded, String key, E entry) {
        map(type, blinded).compute(key, (k, v) -> {
            if (v == null) {
                return entry;
            }
            if (entryClass.isInstance(v)) {
                return v.equals(entry) ? entry : new Object[]{v, entry};
            }
            Object[] arr = (Object[]) v;
            for (int i = 0; i < arr.length; i++) {
                if (arr[i].equals(entry)) {
                    Object[] copy = arr.clone();
                    copy[i] = entry;
                    return copy;
                }
            }
            Object[] copy = Arrays.copyOf(arr, arr.length + 1);
            copy[arr.length] = entry;
            return copy;
        });
    }

    public void remove(SignalType type, boolean blinded, String key, E entry) {
        map(type, blinded).computeIfPresent(key, (k, v) -> {
            if (entryClass.isInstance(v)) {
                return v.equals(entry) ? null : v;
            }
            Object[] arr = (Object[]) v;
            int at = -1;
            for (int i = 0; i < arr.length; i++) {
                if (arr[i].equals(entry)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return v;
            }
            if (arr.length == 2) {
                return arr[1 - at];
            }
            Object[] copy = new Object[arr.length - 1];
            System.arraycopy(arr, 0, copy, 0, at);
            System.arraycopy(arr, at + 1, copy, at, arr.length - at - 1);
            return copy;
        });
    }

    /** Calls {@code sink} for every entry under the key; returns how many there were. */
    public int forEach(SignalType type, boolean blinded, String key, Consumer<? super E> sink) {
        Object v = map(type, blinded).get(key);
        if (v == null) {
            return 0;
        }
        if (entryClass.isInstance(v)) {
            sink.accept(entryClass.cast(v));
            return 1;
        }
        Object[] arr = (Object[]) v;
        for (Object o : arr) {
            sink.accept(entryClass.cast(o));
        }
        return arr.length;
    }

    /** Whether any entry is stored under the key: the cheapest probe, for the common miss. */
    public boolean contains(SignalType type, boolean blinded, String key) {
        return map(type, blinded).containsKey(key);
    }

    public int keyCount() {
        int n = 0;
        for (var m : maps) {
            n += m.size();
        }
        return n;
    }

    public void clear() {
        for (var m : maps) {
            m.clear();
        }
    }
}
