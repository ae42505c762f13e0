package dev.cairn.server.feedback;

import java.time.Instant;
import java.util.UUID;

/**
 * A participant's challenge of a signal it believes wrong, and the owner's answer.
 *
 * @param signalVersion the signal's version when the dispute was opened: AMENDED needs a later one
 */
public record Dispute(UUID id, UUID signalId, UUID participantId, String participantSlug, String reason,
                      long signalVersion, Status status, Resolution resolution, String resolutionNote,
                      Instant createdAt, Instant resolvedAt) {

    public enum Status {
        OPEN, RESOLVED
    }

    public boolean open() {
        return status == Status.OPEN;
    }
}
