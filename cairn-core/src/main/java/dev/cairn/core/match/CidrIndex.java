package dev.cairn.core.match;

import dev.cairn.core.normalize.IpAddress;
import dev.cairn.core.normalize.IpRange;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BiConsumer;

/**
 * IP range (CIDR) index: which stored blocks contain an address. Blocks are kept by prefix length; a query masks the
 * address once per prefix length that has any block and looks the network up in a hash map, so the cost grows with
 * the number of distinct prefix lengths (at most 33 for IPv4, 129 for IPv6), not with the number of blocks.
 *
 * @param <E> the per-signal payload; entries are told apart by {@link Object#equals}
 */
public final class CidrIndex<E> {
    private final KeyedEntries<Block, E> byNetwork;
    private final AtomicIntegerArray v4Lengths = new AtomicIntegerArray(33);
    private final AtomicIntegerArray v6Lengths = new AtomicIntegerArray(129);

    public CidrIndex(Class<E> entryClass) {
        this.byNetwork = new KeyedEntries<>(entryClass);
    }

    private record Block(boolean v6, long hi, long lo, int prefixLength) {
        static Block of(IpRange r) {
            return new Block(r.network().v6(), r.network().hi(), r.network().lo(), r.prefixLength());
        }
    }

    private AtomicIntegerArray lengths(boolean v6) {
        return v6 ? v6Lengths : v4Lengths;
    }

    public void add(IpRange range, E entry) {
        if (byNetwork.add(Block.of(range), entry)) {
            lengths(range.network().v6()).incrementAndGet(range.prefixLength());
        }
    }

    public void remove(IpRange range, E entry) {
        if (byNetwork.remove(Block.of(range), entry)) {
            lengths(range.network().v6()).decrementAndGet(range.prefixLength());
        }
    }

    /** Calls {@code sink} with every stored block containing {@code address}; returns how many. */
    public int forEachContaining(IpAddress address, BiConsumer<? super E, IpRange> sink) {
        AtomicIntegerArray lengths = lengths(address.v6());
        int found = 0;
        for (int len = lengths.length() - 1; len >= 0; len--) {
            if (lengths.get(len) == 0) {
                continue;
            }
            IpRange block = new IpRange(mask(address, len), len);
            found += byNetwork.forEach(Block.of(block), e -> sink.accept(e, block));
        }
        return found;
    }

    static IpAddress mask(IpAddress a, int len) {
        if (!a.v6()) {
            long m = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
            return IpAddress.v4(a.lo() & m);
        }
        long hiMask = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
        long loMask = len <= 64 ? 0 : len >= 128 ? -1L : -1L << (128 - len);
        return IpAddress.v6(a.hi() & hiMask, a.lo() & loMask);
    }
}
