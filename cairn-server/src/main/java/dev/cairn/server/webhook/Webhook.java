package dev.cairn.server.webhook;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.feed.ChangeKind;
import dev.cairn.server.feed.FeedService;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A participant's registered endpoint. Empty filter sets mean "all".
 *
 * @param cursor the last feed sequence number already turned into deliveries for this endpoint
 */
public record Webhook(UUID id, UUID participantId, String url, String secret, Set<SignalType> types,
                      Set<String> categories, Set<ChangeKind> events, Status status, long cursor, Instant createdAt,
                      Instant updatedAt) {

    public enum Status { ACTIVE, PAUSED }

    /** Whether this endpoint subscribed to the event (visibility is checked separately, by the feed's rule). */
    public boolean wants(FeedService.EventHead e) {
        return (types.isEmpty() || types.contains(e.type()))
                && (events.isEmpty() || events.contains(e.kind()))
                && (categories.isEmpty() || e.categories().stream().anyMatch(categories::contains));
    }
}
