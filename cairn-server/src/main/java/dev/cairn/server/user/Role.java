package dev.cairn.server.user;

import dev.cairn.server.auth.Scope;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a console user may do. Each role maps onto the API scopes, so the console goes through the same checks as an
 * API key with those scopes: a viewer is a read key, an analyst a write key, an admin an admin key.
 */
public enum Role {
    /** Runs the exchange: participants, taxonomy, audit. Only in the operator participant. */
    OPERATOR_ADMIN(Scope.ADMIN, true),
    /** Manages their own organisation's users and API keys. */
    PARTICIPANT_ADMIN(Scope.ADMIN, true),
    /** Searches, submits, gives feedback and opens disputes. */
    ANALYST(Scope.WRITE, false),
    /** Reads only. */
    VIEWER(Scope.READ, false);

    private final Scope scope;
    private final boolean totpRequired;

    Role(Scope scope, boolean totpRequired) {
        this.scope = scope;
        this.totpRequired = totpRequired;
    }

    public Set<Scope> scopes() {
        return Scope.closure(EnumSet.of(scope));
    }

    /** Admins must use a second factor: their accounts can issue API keys and create users. */
    public boolean totpRequired() {
        return totpRequired;
    }

    public String label() {
        String s = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Parses a role name case-insensitively; null when it is not one. */
    public static Role parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
