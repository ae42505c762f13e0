package dev.cairn.server.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cairn.core.signal.SignalType;
import dev.cairn.server.signal.SignalView;

import java.time.Instant;
import java.util.UUID;

/**
 * One change as the feed, the NDJSON stream and webhooks deliver it. Live signals carry their current state;
 * removals are tombstones that carry only the SHA-256 of the stored match key, never the removed value.
 *
 * @param disputeId for dispute events, the dispute they concern
 */
@JsonPropertyOrder({"seq", "event", "signal_id", "type", "at", "dispute_id", "should_delete", "signal",
        "match_key_sha256"})
public record FeedEvent(long seq, String event, UUID signalId, SignalType type, Instant at,
                        @JsonInclude(Include.NON_NULL) UUID disputeId, boolean shouldDelete,
                        @JsonInclude(Include.NON_NULL) SignalView signal,
                        @JsonInclude(Include.NON_NULL) String matchKeySha256) {
}
