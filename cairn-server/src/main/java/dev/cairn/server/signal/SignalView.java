package dev.cairn.server.signal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cairn.core.signal.SignalType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JSON shape of a signal in API responses, feed events and webhook payloads. A record rather than a map so
 * that Jackson resolves its serializers once per type, not once per value: the feed writes a million of these in
 * a fresh mirror.
 *
 * @param value    null once erased (with {@code erased: true}); always present, so clients need not guess
 * @param score    the quality score (0-100) at the time of the response; absent where not computed (the feed)
 */
@JsonPropertyOrder({"id", "type", "value", "match_key", "erased", "blinded", "categories", "confidence", "description",
        "tags", "platform", "quality", "valid_until", "status", "status_reason", "visibility", "sharing_group",
        "owner", "created_at", "updated_at", "version", "score"})
public record SignalView(UUID id, SignalType type, String value, String matchKey,
                         @JsonInclude(Include.NON_NULL) Boolean erased, boolean blinded, List<String> categories,
                         int confidence, String description, List<String> tags,
                         @JsonInclude(Include.NON_NULL) String platform, @JsonInclude(Include.NON_NULL) Integer quality,
                         Instant validUntil, SignalStatus status, @JsonInclude(Include.NON_NULL) String statusReason,
                         Visibility visibility, @JsonInclude(Include.NON_NULL) UUID sharingGroup, Owner owner,
                         Instant createdAt, Instant updatedAt, long version, @JsonInclude(Include.NON_NULL) Integer score) {

    public record Owner(UUID id, String slug) {
    }

    public static SignalView of(Signal s) {
        return of(s, null);
    }

    public static SignalView of(Signal s, Integer score) {
        boolean erased = s.value() == null || s.value().isEmpty();
        return new SignalView(s.id(), s.type(), erased ? null : s.value(), erased ? null : s.matchKey(),
                erased ? Boolean.TRUE : null, s.blinded(), s.categories(), s.confidence(), s.description(), s.tags(),
                s.platform(), s.quality(), s.validUntil(), s.status(), s.statusReason(), s.visibility(),
                s.sharingGroupId(), new Owner(s.ownerId(), s.ownerSlug() == null ? "" : s.ownerSlug()),
                s.createdAt(), s.updatedAt(), s.version(), score);
    }
}
