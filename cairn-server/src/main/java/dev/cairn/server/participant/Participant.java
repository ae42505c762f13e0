package dev.cairn.server.participant;

import java.time.Instant;
import java.util.UUID;

/** A member platform (or the operator) taking part in the exchange. */
public record Participant(UUID id, String slug, String name, String contact, Status status, boolean operator,
                          Instant createdAt, Instant updatedAt) {
    public enum Status { ACTIVE, SUSPENDED }
}
