package dev.cairn.server.match;

import dev.cairn.core.match.CidrIndex;
import dev.cairn.core.normalize.IpAddress;
import dev.cairn.core.normalize.IpRange;
import dev.cairn.core.signal.SignalType;
import org.springframework.stereotype.Component;

import dev.cairn.core.pdq.PdqHash;
import dev.cairn.core.pdq.PdqIndex;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * Indexes for signals that match by more than key equality: IP blocks (CIDR) and PDQ near-duplicates.
 * Signals they do not take go to the exact key index.
 */
@Component
public class RangeIndexes {
    private final CidrIndex<IndexedSignal> cidr = new CidrIndex<>(IndexedSignal.class);
    private final PdqIndex pdq = new PdqIndex();
    /** PdqIndex keys entries by long; signals keep the same number across versions. */
    private final ConcurrentHashMap<UUID, Long> pdqIds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, IndexedSignal> pdqSignals = new ConcurrentHashMap<>();
    private final AtomicLong nextPdqId = new AtomicLong();

    /** Takes the signal if it belongs to a range index; false means "index it by key". */
    boolean add(IndexedSignal s) {
        if (s.type == SignalType.PDQ && !s.blinded) {
            long id = pdqIds.computeIfAbsent(s.id, k -> nextPdqId.incrementAndGet());
            pdqSignals.put(id, s);
            pdq.add(id, PdqHash.fromHex(s.key));
            return true;
        }
        IpRange block = block(s);
        if (block != null) {
            cidr.add(block, s);
            return true;
        }
        return false;
    }

    boolean remove(IndexedSignal s) {
        if (s.type == SignalType.PDQ && !s.blinded) {
            Long id = pdqIds.get(s.id);
            if (id != null) {
                pdq.remove(id);
                pdqSignals.remove(id);
            }
            return true;
        }
        IpRange block = block(s);
        if (block != null) {
            cidr.remove(block, s);
            return true;
        }
        return false;
    }

    /** Every stored IP block containing the address given as a canonical IP key. */
    void forEachBlockContaining(String ipKey, BiConsumer<IndexedSignal, IpRange> sink) {
        IpAddress address = IpAddress.parseOrNull(ipKey);
        if (address != null) {
            cidr.forEachContaining(address, sink);
        }
    }

    /** Every stored PDQ hash within {@code maxDistance} of {@code query}, with its distance. */
    void forEachNear(PdqHash query, int maxDistance, ObjIntConsumer<IndexedSignal> sink) {
        pdq.query(query, maxDistance, (id, distance) -> {
            IndexedSignal s = pdqSignals.get(id);
            if (s != null) {
                sink.accept(s, distance);
            }
        });
    }

    int pdqSize() {
        return pdq.size();
    }

    private static IpRange block(IndexedSignal s) {
        if (s.type != SignalType.IP || s.blinded || s.key.indexOf('/') < 0) {
            return null;
        }
        IpRange r = IpRange.parse(s.key);
        return r.isSingleAddress() ? null : r;
    }
}
