package dev.cairn.server.user;

import dev.cairn.server.auth.Caller;

import java.io.Serializable;
import java.util.UUID;

/**
 * A console user as of the current request, with their organisation. Rebuilt from the database on every request, so a
 * suspension or a role change applies at once.
 *
 * @param operatorParticipant whether the user's organisation runs the exchange
 */
public record SignedInUser(UUID userId, String username, String displayName, Role role, UUID participantId,
                           String participantSlug, String participantName, boolean operatorParticipant,
                           boolean totpEnabled) implements Serializable {

    /**
     * The caller the feature services check, exactly as for an API key with the role's scopes. Only an operator admin
     * acts as the operator: a participant admin of the operator's own organisation manages users and keys, not the
     * exchange.
     */
    public Caller caller() {
        return new Caller(participantId, participantSlug, operatorParticipant && role == Role.OPERATOR_ADMIN, null,
                role.scopes(), userId);
    }
}
