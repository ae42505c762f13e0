package dev.cairn.server.webhook;

import dev.cairn.server.feed.ChangeKind;

import java.time.Instant;
import java.util.UUID;

/**
 * One feed event queued for one endpoint. Its id is stable across retries and replays, so a receiver de-duplicates
 * on it (or on the event's seq).
 *
 * @param giveUpAt when retrying stops and a failed delivery becomes DEAD
 */
public record Delivery(UUID id, UUID endpointId, long seq, ChangeKind kind, State state, int attempts,
                       Instant nextAttemptAt, Instant giveUpAt, Instant lastAttemptAt, Integer lastStatus,
                       String lastError, Instant deliveredAt, Instant createdAt) {

    public enum State { PENDING, DELIVERED, DEAD }
}
