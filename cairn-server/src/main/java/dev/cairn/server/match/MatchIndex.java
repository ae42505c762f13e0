package dev.cairn.server.match;

import dev.cairn.core.match.KeyIndex;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalChanged;
import dev.cairn.server.signal.SignalRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory match indexes, derived from the database (the source of truth): loaded at start, then kept current
 * from {@link SignalChanged} events after each commit. Only active signals are indexed.
 */
@Component
public class MatchIndex {
    private static final Logger log = LoggerFactory.getLogger(MatchIndex.class);

    private final KeyIndex<IndexedSignal> exact = new KeyIndex<>(IndexedSignal.class);
    /** Latest version seen per signal, removed ones included, so a late event never resurrects an older state. */
    private final ConcurrentHashMap<UUID, IndexedSignal> latest = new ConcurrentHashMap<>();
    private final RangeIndexes ranges;

    public MatchIndex(SignalRepository repository, PlatformTransactionManager tx, RangeIndexes ranges) {
        this.ranges = ranges;
        long start = System.nanoTime();
        TransactionTemplate readOnly = new TransactionTemplate(tx);
        readOnly.setReadOnly(true);
        int[] count = {0};
        readOnly.executeWithoutResult(status -> repository.forEachActive(s -> {
            apply(s);
            count[0]++;
        }));
        log.info("Match index loaded {} active signals in {} ms", count[0], (System.nanoTime() - start) / 1_000_000);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onChanged(SignalChanged event) {
        for (Signal s : event.signals()) {
            apply(s);
        }
    }

    private synchronized void apply(Signal s) {
        IndexedSignal next = new IndexedSignal(s);
        IndexedSignal previous = latest.get(s.id());
        if (previous != null && previous.version >= next.version) {
            return;
        }
        latest.put(s.id(), next);
        if (previous != null && previous.active) {
            remove(previous);
        }
        if (next.active) {
            if (!ranges.add(next)) {
                exact.add(next.type, next.blinded, next.key, next);
            }
        }
    }

    private void remove(IndexedSignal e) {
        if (!ranges.remove(e)) {
            exact.remove(e.type, e.blinded, e.key, e);
        }
    }

    KeyIndex<IndexedSignal> exact() {
        return exact;
    }

    RangeIndexes ranges() {
        return ranges;
    }

    public int indexedKeys() {
        return exact.keyCount();
    }
}
