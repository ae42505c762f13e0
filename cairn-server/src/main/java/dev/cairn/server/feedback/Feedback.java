package dev.cairn.server.feedback;

import java.time.Instant;
import java.util.UUID;

/**
 * One participant's report of what came of a signal: the current one or an entry of its history.
 *
 * @param revision 1 for the first report of this participant on this signal, then 2, 3, ...
 */
public record Feedback(UUID signalId, UUID participantId, String participantSlug, Outcome outcome,
                       Integer accountsActioned, Integer contentRemoved, String reportReference, boolean humanReviewed,
                       String note, int revision, Instant recordedAt) {

    /** Counts as a report to the authorities: the outcome says so, or an action came with a report reference. */
    public boolean reported() {
        return outcome == Outcome.REPORTED_TO_AUTHORITIES || reportReference != null;
    }
}
