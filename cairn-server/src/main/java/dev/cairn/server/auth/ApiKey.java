package dev.cairn.server.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An API key as listed: never the secret. */
public record ApiKey(UUID id, UUID participantId, String name, String prefix, Set<Scope> scopes, Instant createdAt,
                     Instant lastUsedAt, Instant revokedAt) {
}
