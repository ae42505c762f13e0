package dev.cairn.server.feedback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** JSON shapes of feedback and disputes. */
final class FeedbackViews {
    private FeedbackViews() {
    }

    static Map<String, Object> feedback(Feedback f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signal_id", f.signalId());
        m.put("participant", participant(f.participantId(), f.participantSlug()));
        m.put("outcome", f.outcome());
        if (f.outcome() == Outcome.ACTIONED) {
            m.put("accounts_actioned", f.accountsActioned());
            m.put("content_removed", f.contentRemoved());
        }
        if (f.reportReference() != null) {
            m.put("report_reference", f.reportReference());
        }
        m.put("human_reviewed", f.humanReviewed());
        m.put("note", f.note());
        m.put("revision", f.revision());
        m.put("recorded_at", f.recordedAt());
        return m;
    }

    /** Counts only: what every participant that can see the signal may know of the others' feedback. */
    static Map<String, Object> aggregate(List<Feedback> everyone, FeedbackSummary summary, int score) {
        Map<String, Object> outcomes = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            outcomes.put(o.name(), everyone.stream().filter(f -> f.outcome() == o).count());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participants", everyone.size());
        m.put("outcomes", outcomes);
        m.put("confirmations", summary.confirmations());
        m.put("false_positives", summary.falsePositives());
        m.put("open_disputes", summary.openDisputes());
        m.put("score", score);
        return m;
    }

    static Map<String, Object> dispute(Dispute d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("signal_id", d.signalId());
        m.put("participant", participant(d.participantId(), d.participantSlug()));
        m.put("reason", d.reason());
        m.put("status", d.status());
        m.put("created_at", d.createdAt());
        if (!d.open()) {
            m.put("resolution", d.resolution());
            m.put("resolution_note", d.resolutionNote());
            m.put("resolved_at", d.resolvedAt());
        }
        return m;
    }

    static Map<String, Object> participant(UUID id, String slug) {
        return Map.of("id", id, "slug", slug == null ? "" : slug);
    }
}
