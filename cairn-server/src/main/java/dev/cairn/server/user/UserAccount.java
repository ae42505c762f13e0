package dev.cairn.server.user;

import java.time.Instant;
import java.util.UUID;

/** A console user as listed: never the password hash or the TOTP secret. */
public record UserAccount(UUID id, UUID participantId, String username, String displayName, Role role, Status status,
                          boolean totpEnabled, Instant lockedUntil, Instant lastLoginAt, Instant createdAt) {
    public enum Status { ACTIVE, SUSPENDED }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
