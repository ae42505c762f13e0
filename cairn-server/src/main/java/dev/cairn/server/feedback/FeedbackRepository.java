package dev.cairn.server.feedback;

import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Feedback, its history, disputes and the per-signal summary. Callers hold the signal's row lock when writing. */
@Repository
public class FeedbackRepository {
    private static final String FEEDBACK = """
            SELECT f.*, p.slug AS participant_slug FROM %s f JOIN participant p ON p.id = f.participant_id""";
    private static final String DISPUTE = """
            SELECT d.*, p.slug AS participant_slug FROM signal_dispute d JOIN participant p ON p.id = d.participant_id""";

    private final JdbcClient jdbc;

    public FeedbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the signal's row until commit; false if there is no such signal. */
    boolean lockSignal(UUID signalId) {
        return !jdbc.sql("SELECT id FROM signal WHERE id = ? FOR UPDATE").param(signalId).query(UUID.class).list().isEmpty();
    }

    Optional<Feedback> current(UUID signalId, UUID participantId) {
        return jdbc.sql(FEEDBACK.formatted("signal_feedback") + " WHERE f.signal_id = ? AND f.participant_id = ?")
                .params(signalId, participantId).query(FeedbackRepository::mapFeedback).optional();
    }

    /** Replaces the participant's current feedback and appends it to the history. */
    void save(Feedback f, boolean replacing) {
        if (replacing) {
            jdbc.sql("""
                            UPDATE signal_feedback SET outcome = ?, accounts_actioned = ?, content_removed = ?,
                                   report_reference = ?, human_reviewed = ?, note = ?, revision = ?, recorded_at = ?
                            WHERE signal_id = ? AND participant_id = ?""")
                    .params(f.outcome().name(), f.accountsActioned(), f.contentRemoved(), f.reportReference(),
                            f.humanReviewed(), f.note(), f.revision(), Db.ts(f.recordedAt()), f.signalId(), f.participantId())
                    .update();
        } else {
            jdbc.sql("""
                            INSERT INTO signal_feedback (signal_id, participant_id, outcome, accounts_actioned, content_removed,
                                   report_reference, human_reviewed, note, revision, first_at, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(f.signalId(), f.participantId(), f.outcome().name(), f.accountsActioned(), f.contentRemoved(),
                            f.reportReference(), f.humanReviewed(), f.note(), f.revision(), Db.ts(f.recordedAt()),
                            Db.ts(f.recordedAt()))
                    .update();
        }
        jdbc.sql("""
                        INSERT INTO signal_feedback_history (signal_id, participant_id, revision, outcome, accounts_actioned,
                               content_removed, report_reference, human_reviewed, note, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(f.signalId(), f.participantId(), f.revision(), f.outcome().name(), f.accountsActioned(),
                        f.contentRemoved(), f.reportReference(), f.humanReviewed(), f.note(), Db.ts(f.recordedAt()))
                .update();
    }

    /** Current feedback on a signal; of one participant only when {@code participantId} is not null. */
    List<Feedback> currentOf(UUID signalId, UUID participantId) {
        String where = participantId == null ? " WHERE f.signal_id = ?" : " WHERE f.signal_id = ? AND f.participant_id = ?";
        var spec = jdbc.sql(FEEDBACK.formatted("signal_feedback") + where + " ORDER BY f.recorded_at, p.slug").param(signalId);
        return (participantId == null ? spec : spec.param(participantId)).query(FeedbackRepository::mapFeedback).list();
    }

    List<Feedback> historyOf(UUID signalId, UUID participantId) {
        String where = participantId == null ? " WHERE f.signal_id = ?" : " WHERE f.signal_id = ? AND f.participant_id = ?";
        var spec = jdbc.sql(FEEDBACK.formatted("signal_feedback_history") + where
                + " ORDER BY f.recorded_at, p.slug, f.revision").param(signalId);
        return (participantId == null ? spec : spec.param(participantId)).query(FeedbackRepository::mapFeedback).list();
    }

    void insertDispute(Dispute d) {
        jdbc.sql("""
                        INSERT INTO signal_dispute (id, signal_id, participant_id, open_by, reason, signal_version, status,
                                                    created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(d.id(), d.signalId(), d.participantId(), d.participantId(), d.reason(), d.signalVersion(),
                        Db.ts(d.createdAt()))
                .update();
    }

    Optional<Dispute> openDispute(UUID signalId, UUID participantId) {
        return jdbc.sql(DISPUTE + " WHERE d.signal_id = ? AND d.open_by = ?").params(signalId, participantId)
                .query(FeedbackRepository::mapDispute).optional();
    }

    Optional<Dispute> dispute(UUID signalId, UUID disputeId) {
        return jdbc.sql(DISPUTE + " WHERE d.signal_id = ? AND d.id = ?").params(signalId, disputeId)
                .query(FeedbackRepository::mapDispute).optional();
    }

    List<Dispute> disputes(UUID signalId, UUID participantId) {
        String where = participantId == null ? " WHERE d.signal_id = ?" : " WHERE d.signal_id = ? AND d.participant_id = ?";
        var spec = jdbc.sql(DISPUTE + where + " ORDER BY d.created_at, d.id").param(signalId);
        return (participantId == null ? spec : spec.param(participantId)).query(FeedbackRepository::mapDispute).list();
    }

    /** Open disputes of any of these signals. */
    List<Dispute> openDisputes(Collection<UUID> signalIds) {
        return jdbc.sql(DISPUTE + " WHERE d.signal_id IN (:ids) AND d.status = 'OPEN' ORDER BY d.created_at")
                .param("ids", signalIds).query(FeedbackRepository::mapDispute).list();
    }

    void resolve(UUID disputeId, Resolution resolution, String note, Instant at) {
        jdbc.sql("""
                        UPDATE signal_dispute SET status = 'RESOLVED', open_by = NULL, resolution = ?, resolution_note = ?,
                                                  resolved_at = ?
                        WHERE id = ?""")
                .params(resolution.name(), note, Db.ts(at), disputeId).update();
    }

    /** Recounts the signal's summary from its rows and stores it with the next revision. */
    FeedbackSummary refreshSummary(UUID signalId) {
        int[] counts = new int[4];
        jdbc.sql("SELECT outcome, COUNT(*) FROM signal_feedback WHERE signal_id = ? GROUP BY outcome").param(signalId)
                .query(rs -> {
                    Outcome o = Outcome.valueOf(rs.getString(1));
                    int n = rs.getInt(2);
                    if (o.confirmation()) {
                        counts[0] += n;
                    } else if (o == Outcome.FALSE_POSITIVE) {
                        counts[1] += n;
                    } else if (o == Outcome.NOT_FOUND) {
                        counts[2] += n;
                    } else {
                        counts[3] += n;
                    }
                });
        int open = jdbc.sql("SELECT COUNT(*) FROM signal_dispute WHERE signal_id = ? AND status = 'OPEN'").param(signalId)
                .query(Integer.class).single();
        Long previous = jdbc.sql("SELECT revision FROM feedback_summary WHERE signal_id = ?").param(signalId)
                .query(Long.class).optional().orElse(null);
        FeedbackSummary s = new FeedbackSummary(previous == null ? 1 : previous + 1, counts[0], counts[1], counts[2],
                counts[3], open);
        if (previous == null) {
            jdbc.sql("""
                            INSERT INTO feedback_summary (signal_id, revision, confirmations, false_positives, not_found,
                                                          under_review, open_disputes)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(signalId, s.revision(), s.confirmations(), s.falsePositives(), s.notFound(), s.underReview(),
                            s.openDisputes())
                    .update();
        } else {
            jdbc.sql("""
                            UPDATE feedback_summary SET revision = ?, confirmations = ?, false_positives = ?, not_found = ?,
                                                        under_review = ?, open_disputes = ?
                            WHERE signal_id = ?""")
                    .params(s.revision(), s.confirmations(), s.falsePositives(), s.notFound(), s.underReview(),
                            s.openDisputes(), signalId)
                    .update();
        }
        return s;
    }

    FeedbackSummary summary(UUID signalId) {
        return jdbc.sql("SELECT * FROM feedback_summary WHERE signal_id = ?").param(signalId)
                .query((rs, i) -> mapSummary(rs)).optional().orElse(FeedbackSummary.EMPTY);
    }

    static FeedbackSummary mapSummary(ResultSet rs) throws SQLException {
        return new FeedbackSummary(rs.getLong("revision"), rs.getInt("confirmations"), rs.getInt("false_positives"),
                rs.getInt("not_found"), rs.getInt("under_review"), rs.getInt("open_disputes"));
    }

    static Feedback mapFeedback(ResultSet rs, int row) throws SQLException {
        return new Feedback(rs.getObject("signal_id", UUID.class), rs.getObject("participant_id", UUID.class),
                rs.getString("participant_slug"), Outcome.valueOf(rs.getString("outcome")),
                (Integer) rs.getObject("accounts_actioned"), (Integer) rs.getObject("content_removed"),
                rs.getString("report_reference"), rs.getBoolean("human_reviewed"), rs.getString("note"),
                rs.getInt("revision"), Db.instant(rs, "recorded_at"));
    }

    static Dispute mapDispute(ResultSet rs, int row) throws SQLException {
        String resolution = rs.getString("resolution");
        return new Dispute(rs.getObject("id", UUID.class), rs.getObject("signal_id", UUID.class),
                rs.getObject("participant_id", UUID.class), rs.getString("participant_slug"), rs.getString("reason"),
                rs.getLong("signal_version"), Dispute.Status.valueOf(rs.getString("status")),
                resolution == null ? null : Resolution.valueOf(resolution), rs.getString("resolution_note"),
                Db.instant(rs, "created_at"), Db.instant(rs, "resolved_at"));
    }
}
