package dev.cairn.core.match;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Key to one-or-many entries. The value is a single entry or an {@code Object[]} (most keys hold one signal, so no
 * list wrapper is paid for per key); writers replace it atomically (copy-on-write per key), readers never lock.
 */
final class KeyedEntries<K, E> {
    private final ConcurrentHashMap<K, Object> map = new ConcurrentHashMap<>();
    private final Class<E> entryClass;

    KeyedEntries(Class<E> entryClass) {
        this.entryClass = entryClass;
    }

    boolean add(K key, E entry) {
        boolean[] added = {true};
        map.compute(key, (k, v) -> {
            if (v == null) {
                return entry;
            }
            if (entryClass.isInstance(v)) {
                if (v.equals(entry)) {
                    added[0] = false;
                    return entry;
                }
                return new Object[]{v, entry};
            }
            Object[] arr = (Object[]) v;
            for (int i = 0; i < arr.length; i++) {
                if (arr[i].equals(entry)) {
                    added[0] = false;
                    Object[] copy = arr.clone();
                    copy[i] = entry;
                    return copy;
                }
            }
            Object[] copy = java.util.Arrays.copyOf(arr, arr.length + 1);
            copy[arr.length] = entry;
            return copy;
        });
        return added[0];
    }

    boolean remove(K key, E entry) {
        boolean[] removed = {false};
        map.computeIfPresent(key, (k, v) -> {
            if (entryClass.isInstance(v)) {
                removed[0] = v.equals(entry);
                return removed[0] ? null : v;
            }
            Object[] arr = (Object[]) v;
            for (int i = 0; i < arr.length; i++) {
                if (arr[i].equals(entry)) {
                    removed[0] = true;
                    if (arr.length == 2) {
                        return arr[1 - i];
                    }
                    Object[] copy = new Object[arr.length - 1];
                    System.arraycopy(arr, 0, copy, 0, i);
                    System.arraycopy(arr, i + 1, copy, i, arr.length - i - 1);
                    return copy;
                }
            }
            return v;
        });
        return removed[0];
    }

    boolean containsKey(K key) {
        return map.containsKey(key);
    }

    int size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }

    int forEach(K key, java.util.function.Consumer<? super E> sink) {
        Object v = map.get(key);
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
}
