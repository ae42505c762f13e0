package dev.cairn.server.auth;

import dev.cairn.server.web.ApiException;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated party behind a request: a participant acting through one API key.
 *
 * @param operator whether the participant runs the exchange (may manage participants and the taxonomy)
 */
public record Caller(UUID participantId, String participantSlug, boolean operator, UUID keyId, Set<Scope> scopes,
                     UUID userId) {

    /** Who acts, for the audit log: an API key unless a console user is set. */
    public dev.cairn.server.audit.AuditEvent.ActorType actorType() {
        return userId != null ? dev.cairn.server.audit.AuditEvent.ActorType.USER
                : keyId != null ? dev.cairn.server.audit.AuditEvent.ActorType.API_KEY
                : dev.cairn.server.audit.AuditEvent.ActorType.SYSTEM;
    }

    public String actorId() {
        return userId != null ? userId.toString() : keyId != null ? keyId.toString() : "system";
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
