package dev.cairn.server.feedback;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every signal's {@link FeedbackSummary}, in memory, so that the match path scores and filters hits without a
 * database query. Loaded at start from {@code feedback_summary}, then kept current after each commit; like the match
 * index, it is per server instance.
 */
@Component
public class FeedbackStats {
    private final Map<UUID, FeedbackSummary> summaries = new ConcurrentHashMap<>();

    public FeedbackStats(JdbcClient jdbc) {
        jdbc.sql("SELECT * FROM feedback_summary").query(rs -> {
            summaries.put(rs.getObject("signal_id", UUID.class), FeedbackRepository.mapSummary(rs));
        });
    }

    public FeedbackSummary get(UUID signalId) {
        return summaries.getOrDefault(signalId, FeedbackSummary.EMPTY);
    }

    /** After commit only, so a rolled-back change is never seen; the revision keeps a late event from undoing a newer one. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onChanged(FeedbackSummaryChanged event) {
        summaries.merge(event.signalId(), event.summary(), (old, next) -> next.revision() > old.revision() ? next : old);
    }
}
