package dev.cairn.core.match;

import dev.cairn.core.signal.SignalType;

import java.util.function.Consumer;

/**
 * Exact match-key index: (type, blinded, key) to the entries stored under it.
 *
 * <p>Reads are lock-free and allocate nothing: one {@link KeyedEntries} map per type and blinding.
 *
 * @param <E> the per-signal payload; entries are told apart by {@link Object#equals}
 */
public final class KeyIndex<E> {
    private final KeyedEntries<String, E>[] maps;

    @SuppressWarnings("unchecked")
    public KeyIndex(Class<E> entryClass) {
        SignalType[] types = SignalType.values();
        maps = new KeyedEntries[types.length * 2];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = new KeyedEntries<>(entryClass);
        }
    }

    private KeyedEntries<String, E> map(SignalType type, boolean blinded) {
        return maps[type.ordinal() * 2 + (blinded ? 1 : 0)];
    }

    public void add(SignalType type, boolean blinded, String key, E entry) {
        map(type, blinded).add(key, entry);
    }

    public void remove(SignalType type, boolean blinded, String key, E entry) {
        map(type, blinded).remove(key, entry);
    }

    /** Calls {@code sink} for every entry under the key; returns how many there were. */
    public int forEach(SignalType type, boolean blinded, String key, Consumer<? super E> sink) {
        return map(type, blinded).forEach(key, sink);
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
