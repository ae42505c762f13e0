package dev.cairn.server.feed;

import dev.cairn.server.crypto.FieldCrypto;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.support.Db;
import dev.cairn.server.support.Hashes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.List;

/**
 * Appends change events in the caller's transaction. Call it as the last statement of a writing transaction: it
 * locks the feed counter until commit, so keep the work after it short.
 */
@Component
public class ChangeLog {
    private final JdbcTemplate jdbc;
    private final FeedNotifier notifier;
    private final FieldCrypto crypto;

    public ChangeLog(JdbcTemplate jdbc, FeedNotifier notifier, FieldCrypto crypto) {
        this.jdbc = jdbc;
        this.notifier = notifier;
        this.crypto = crypto;
    }

    public void append(List<Signal> signals, ChangeKind kind) {
        append(signals, kind, null, null);
    }

    /**
     * An event only {@code audience} reads in its feed, about {@code refId} (e.g. a dispute): how a signal's owner
     * learns of a dispute without anyone else learning of it.
     */
    public void appendFor(Signal signal, ChangeKind kind, java.util.UUID audience, java.util.UUID refId) {
        append(List.of(signal), kind, audience, refId);
    }

    private void append(List<Signal> signals, ChangeKind kind, java.util.UUID audience, java.util.UUID refId) {
        if (signals.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("change events must be written in the transaction of the change");
        }
        // The row lock taken here is held until commit: that is what makes sequence order equal commit order.
        jdbc.update("UPDATE feed_counter SET last_seq = last_seq + ? WHERE id = 1", signals.size());
        long last = jdbc.queryForObject("SELECT last_seq FROM feed_counter WHERE id = 1", Long.class);
        long first = last - signals.size() + 1;
        Instant now = Db.now();
        java.util.ArrayList<Object[]> rows = new java.util.ArrayList<>(signals.size());
        for (int i = 0; i < signals.size(); i++) {
            Signal s = signals.get(i);
            rows.add(new Object[]{first + i, s.id(), s.ownerId(), s.type().name(), kind.name(),
                    Hashes.sha256Hex(crypto.storedKey(s.type(), s.blinded(), s.matchKey())),
                    "," + String.join(",", s.categories()) + ",", Db.ts(now), audience, refId, s.visibility().name(),
                    s.sharingGroupId()});
        }
        jdbc.batchUpdate("""
                INSERT INTO signal_event (seq, signal_id, owner_id, signal_type, kind, match_key_sha256, categories, created_at,
                                          audience, ref_id, visibility, sharing_group_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                notifier.advanced(last);
            }
        });
    }

}
