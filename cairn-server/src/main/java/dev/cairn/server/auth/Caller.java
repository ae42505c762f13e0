package dev.cairn.server.auth;

import dev.cairn.server.web.ApiException;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated party behind a request: a participant acting through one API key.
 *
 * @param operator whether the participant runs the exchange (may manage participants and the taxonomy)
 */
public record Caller(UUID participantId, String participantSlug, boolean operator, UUID keyId, Set<Scope> scopes) {

    /** Who acts, for the audit log: an API key unless a console user is set. */
    public dev.cairn.server.audit.AuditEvent.ActorType actorType() {
        return dev.cairn.server.audit.AuditEvent.ActorType.API_KEY;
    }

    public String actorId() {
        return keyId == null ? "" : keyId.toString();
    }

    public void require(Scope scope) {
        if (!scopes.contains(scope)) {
            throw ApiException.forbidden("This API key lacks the '" + scope.name().toLowerCase(java.util.Locale.ROOT)
                    + "' scope");
        }
    }

    public void requireOperator() {
        require(Scope.ADMIN);
        if (!operator) {
            throw ApiException.forbidden("Only the exchange operator may do this");
        }
    }
}
