package dev.cairn.server.signal;

import dev.cairn.core.signal.SignalType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A shared signal: a lead for human review, never proof.
 *
 * @param value    the value as submitted
 * @param matchKey the canonical form used for matching, computed once at submit
 * @param platform for usernames, the service the account lives on; null means platform-independent
 * @param quality  PDQ quality (0-100) as reported by the submitter's hasher; null for other types
 */
public record Signal(UUID id, SignalType type, String value, String matchKey, boolean blinded, List<String> categories,
                     int confidence, String description, List<String> tags, String platform, Integer quality,
                     Instant validUntil, SignalStatus status, String statusReason, UUID ownerId, String ownerSlug,
                     Instant createdAt, Instant updatedAt, long version) {

    public boolean activeAt(Instant now) {
        return status == SignalStatus.ACTIVE && validUntil.isAfter(now);
    }

    public boolean visibleTo(UUID participant) {
        return ownerId.equals(participant) || status == SignalStatus.ACTIVE;
    }
}
