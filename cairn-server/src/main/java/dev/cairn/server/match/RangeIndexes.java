package dev.cairn.server.match;

import org.springframework.stereotype.Component;

/**
 * Indexes for signals that match by more than key equality: IP ranges (CIDR) and PDQ near-duplicates.
 * Signals they do not take go to the exact key index.
 */
@Component
public class RangeIndexes {

    /** Takes the signal if it belongs to a range index; false means "index it by key". */
    boolean add(IndexedSignal s) {
        return false;
    }

    boolean remove(IndexedSignal s) {
        return false;
    }
}
