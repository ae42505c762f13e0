package dev.cairn.server.feedback;

import java.util.UUID;

/** Published inside the transaction that changed a signal's feedback; applied to memory after commit. */
record FeedbackSummaryChanged(UUID signalId, FeedbackSummary summary) {
}
