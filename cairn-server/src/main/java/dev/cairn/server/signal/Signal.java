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
                     Instant createdAt, Instant updatedAt, long version, Visibility visibility, UUID sharingGroupId) {

    public boolean activeAt(Instant now) {
        return status == SignalStatus.ACTIVE && validUntil.isAfter(now);
    }

    /**
     * The one visibility rule: the owner sees its signals in every state; others see active signals shared with
     * everyone, or with a sharing group they belong to.
     */
    public boolean visibleTo(UUID participant, java.util.Set<UUID> groups) {
        if (ownerId.equals(participant)) {
            return true;
        }
        if (status != SignalStatus.ACTIVE) {
            return false;
        }
        return switch (visibility) {
            case ALL -> true;
            case GROUP -> sharingGroupId != null && groups.contains(sharingGroupId);
            case PRIVATE -> false;
        };
    }
}
