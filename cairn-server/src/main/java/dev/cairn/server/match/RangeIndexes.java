package dev.cairn.server.match;

import dev.cairn.core.match.CidrIndex;
import dev.cairn.core.normalize.IpAddress;
import dev.cairn.core.normalize.IpRange;
import dev.cairn.core.signal.SignalType;
import org.springframework.stereotype.Component;

import java.util.function.BiConsumer;

/**
 * Indexes for signals that match by more than key equality: IP blocks (CIDR) and PDQ near-duplicates.
 * Signals they do not take go to the exact key index.
 */
@Component
public class RangeIndexes {
    private final CidrIndex<IndexedSignal> cidr = new CidrIndex<>(IndexedSignal.class);

    /** Takes the signal if it belongs to a range index; false means "index it by key". */
    boolean add(IndexedSignal s) {
        IpRange block = block(s);
        if (block != null) {
            cidr.add(block, s);
            return true;
        }
        return false;
    }

    boolean remove(IndexedSignal s) {
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

    private static IpRange block(IndexedSignal s) {
        if (s.type != SignalType.IP || s.blinded || s.key.indexOf('/') < 0) {
            return null;
        }
        IpRange r = IpRange.parse(s.key);
        return r.isSingleAddress() ? null : r;
    }
}
