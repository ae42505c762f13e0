package dev.cairn.server.signal;

/** Who may see a signal besides its owner. */
public enum Visibility {
    /** Every participant of the exchange. */
    ALL,
    /** The members of one sharing group. */
    GROUP,
    /** Only the owner: a private list that still matches the owner's own queries. */
    PRIVATE
}
