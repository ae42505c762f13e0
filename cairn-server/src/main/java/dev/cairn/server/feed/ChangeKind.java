package dev.cairn.server.feed;

/**
 * What happened to a signal. RETRACTED, EXPIRED and ERASED remove the signal from members' mirrors. DISPUTED (for the
 * owner) and DISPUTE_RESOLVED (for the disputant) are addressed to one participant and change nothing in a mirror.
 */
public enum ChangeKind {
    CREATED, UPDATED, RETRACTED, EXPIRED, ERASED, DISPUTED, DISPUTE_RESOLVED;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    /** The name in feed events and webhook filters: lower case. */
    public String wireName() {
        return wireName;
    }

    public boolean removal() {
        return this == RETRACTED || this == EXPIRED || this == ERASED;
    }
}
